package io.emospectrum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code emospectrum text --transcript}, run with the keyword test provider. */
class TranscriptCommandTest {
    private static final String P = "--provider=keyword-test";

    @Test
    void oneObjectPerTurnInFileOrderThenOnePerSpeaker(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("call.csv"), """
                speaker,text,start,end
                customer,I am so angry!,0,2.5
                agent,I am sorry.,2.5,4
                customer,"Not happy, not at all. Sad.",4,7.25
                """);

        CliRun r = CliRun.run("text", P, "--transcript", f.toString());

        assertThat(r.exitCode()).isZero();
        List<JsonNode> out = r.lines();
        assertThat(out).extracting(n -> n.get("type").asText()).containsExactly("turn", "turn", "turn", "speaker", "speaker");
        JsonNode first = out.get(0);
        assertThat(first.get("line").asInt()).isEqualTo(2);
        assertThat(first.get("turn").asInt()).isZero();
        assertThat(first.get("speaker").asText()).isEqualTo("customer");
        assertThat(first.get("subject").asText()).isEqualTo("customer");
        assertThat(first.get("start").asDouble()).isEqualTo(0.0);
        assertThat(first.get("end").asDouble()).isEqualTo(2.5);
        assertThat(first.get("textStart").asInt()).isZero();
        assertThat(first.get("textEnd").asInt()).isEqualTo("I am so angry!".length());
        assertThat(first.get("dominant").asText()).isEqualTo("anger");
        assertThat(first.get("alone").get("vector")).hasSize(9);
        assertThat(first.get("vector")).hasSize(9);
        JsonNode customer = out.get(3);
        assertThat(customer.get("speaker").asText()).isEqualTo("customer");
        assertThat(customer.get("turns").asInt()).isEqualTo(2);
        assertThat(customer.get("start").asDouble()).isEqualTo(0.0);
        assertThat(customer.get("end").asDouble()).isEqualTo(7.25);
        assertThat(out.get(4).get("speaker").asText()).isEqualTo("agent");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void badRowsAreReportedInPlaceAndTheRestIsRead(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("chat.jsonl"), """
                {"speaker": "customer", "text": "wow, so happy"}
                {"speaker": "customer", "text": "broken
                {"speaker": "agent", "text": "\\u0007\\u0000"}
                {"speaker": "agent", "text": "Glad to hear. Joy!", "start": 3, "end": 2}
                {"speaker": "agent", "text": "Anything else?"}
                """);

        CliRun r = CliRun.run("text", P, "--transcript", f.toString());

        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_PARTIAL);
        List<JsonNode> out = r.lines();
        assertThat(out.subList(0, 5)).extracting(n -> n.get("line").asInt()).containsExactly(1, 2, 3, 4, 5);
        assertThat(out.get(0).get("dominant").asText()).isEqualTo("happiness");
        assertThat(out.get(1).get("error").asText()).contains("not valid JSON");
        assertThat(out.get(2).get("error").asText()).isNotBlank(); // nothing the extractor can read
        assertThat(out.get(3).get("error").asText()).contains("ends (2) before it starts (3)");
        assertThat(out.get(4).get("turn").asInt()).isEqualTo(1);
        assertThat(out.subList(5, out.size())).extracting(n -> n.get("speaker").asText()).containsExactly("customer", "agent");
        assertThat(r.stderr().lines()).hasSize(3).allMatch(l -> l.startsWith("emospectrum: line "));
    }

    @Test
    void usageErrorsExitWithTwo(@TempDir Path dir) throws Exception {
        Path noHeader = Files.writeString(dir.resolve("x.csv"), "agent,hello\n");
        Path allBad = Files.writeString(dir.resolve("bad.jsonl"), "{\"text\": \"no speaker\"}\n");

        assertThat(CliRun.run("text", P, "--transcript", noHeader.toString()).stderr()).contains("speaker and text");
        assertThat(CliRun.run("text", P, "--transcript", noHeader.toString()).exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        CliRun bad = CliRun.run("text", P, "--transcript", allBad.toString());
        assertThat(bad.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(bad.stderr()).contains("no turn of the transcript could be read").contains("line 1");
        assertThat(CliRun.run("text", P, "--transcript", dir.resolve("missing.csv").toString()).exitCode())
                .isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(CliRun.run("text", P, "--transcript", noHeader.toString(), "hello").exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(CliRun.run("text", P, "--no-context", "hello").exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
    }

    @Test
    void readsATranscriptFromStandardInput() {
        CliRun r = CliRun.runWithStdin("{\"speaker\":\"a\",\"text\":\"I am afraid\"}\n".getBytes(StandardCharsets.UTF_8),
                "text", P, "--transcript", "-", "--no-context");
        assertThat(r.exitCode()).isZero();
        assertThat(r.lines().get(0).get("dominant").asText()).isEqualTo("fear");
    }
}
