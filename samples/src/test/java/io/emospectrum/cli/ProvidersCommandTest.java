package io.emospectrum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

class ProvidersCommandTest {
    @Test
    void listsEveryKindWithItsProviders() {
        CliRun r = CliRun.run("providers");
        assertThat(r.exitCode()).isZero();
        assertThat(r.lines()).extracting(n -> n.get("kind").asText() + ":" + n.get("name").asText())
                .contains("text:keyword-test", "face:brightness-test", "voice:loudness-test", "pooling-strategy:log-linear");
        for (String kind : new String[] {"text", "face", "voice", "pooling-strategy"}) {
            assertThat(r.lines().stream().filter(n -> n.get("kind").asText().equals(kind)).filter(n -> n.get("default").asBoolean()))
                    .as("one default per kind").hasSize(1);
        }
        JsonNode any = r.lines().get(0);
        assertThat(any.has("rank")).isTrue();
    }

    @Test
    void eachProviderListsTheOptionsItDeclares() {
        CliRun r = CliRun.run("providers");
        JsonNode text = r.lines().stream().filter(n -> n.get("name").asText().equals("goemotions-minilm")).findFirst().orElseThrow();
        JsonNode maxTokens = StreamSupport.stream(text.get("options").spliterator(), false)
                .filter(o -> o.get("name").asText().equals("max-tokens")).findFirst().orElseThrow();
        assertThat(maxTokens.get("type").asText()).isEqualTo("integer");
        assertThat(maxTokens.get("allowed").asText()).isEqualTo("an integer in [16, 512]");
        assertThat(maxTokens.get("aliases").get(0).asText()).isEqualTo("maxTokens");
        JsonNode face = r.lines().stream().filter(n -> n.get("name").asText().equals("mini-xception")).findFirst().orElseThrow();
        assertThat(face.get("options").findValuesAsText("name")).contains("detect-interval", "track-min-iou", "detector-min-score");
        JsonNode keyword = r.lines().stream().filter(n -> n.get("name").asText().equals("keyword-test")).findFirst().orElseThrow();
        assertThat(keyword.get("options")).isEmpty();
    }

    @Test
    void commandHelpShowsTheProvidersOptions() {
        CliRun text = CliRun.run("text", "--help");
        assertThat(text.exitCode()).isZero();
        assertThat(text.stdout()).contains("Options of text provider 'goemotions-minilm', the default (-O KEY=VALUE):")
                .contains("max-tokens").contains("an integer in [16, 512]").contains("maxTokens");
        CliRun video = CliRun.run("video", "--help");
        assertThat(video.stdout()).contains("detect-interval").contains("Options of pooling strategy 'log-linear' (--strategy-option KEY=VALUE):")
                .contains("floor");
        assertThat(CliRun.run("serve", "--help").stdout()).contains("window-hop-seconds").contains("--voice-option KEY=VALUE")
                .contains("--text-option KEY=VALUE").contains("spread-single-batch");
    }

    @Test
    void anOptionOutOfRangeIsBadUsageNamingTheKeyAndWhatItAccepts() {
        CliRun r = CliRun.run("text", "--provider", "goemotions-minilm", "-O", "max-tokens=4", "hello");
        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(r.stderr()).contains("'max-tokens' must be an integer in [16, 512], was '4'");
    }
}
