package io.emospectrum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProvidersCommandTest {
    @Test
    void listsEveryKindWithItsProviders() {
        CliRun r = CliRun.run("providers");
        assertThat(r.exitCode()).isZero();
        assertThat(r.lines()).extracting(n -> n.get("kind").asText() + ":" + n.get("name").asText())
                .contains("text:keyword-test", "face:brightness-test", "voice:loudness-test");
        for (String kind : new String[] {"text", "face", "voice"}) {
            assertThat(r.lines().stream().filter(n -> n.get("kind").asText().equals(kind)).filter(n -> n.get("default").asBoolean()))
                    .as("one default per kind").hasSize(1);
        }
        JsonNode any = r.lines().get(0);
        assertThat(any.has("rank")).isTrue();
    }
}
