package io.emospectrum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code text} contract, run with the keyword test provider. */
class TextCommandTest {
    private static final String P = "--provider=keyword-test";

    @Test
    void oneObjectPerTextWithTheContractFields() {
        CliRun r = CliRun.run("text", P, "I am so happy.", "That was disgusting!");
        assertThat(r.exitCode()).isZero();
        List<JsonNode> out = r.lines();
        assertThat(out).hasSize(2);
        JsonNode first = out.get(0);
        assertThat(first.get("line").asInt()).isEqualTo(1);
        assertThat(first.get("vector")).hasSize(9);
        assertThat(first.get("spectrum").get("happiness").floatValue()).isEqualTo(first.get("vector").get(1).floatValue());
        assertThat(first.get("dominant").asText()).isEqualTo("happiness");
        assertThat(first.get("modality").asText()).isEqualTo("text");
        assertThat(first.get("model").asText()).isEqualTo("keyword-test@1");
        assertThat(first.get("device").asText()).isEqualTo("cpu()");
        assertThat(first.has("confidence")).isTrue();
        assertThat(out.get(1).get("dominant").asText()).isEqualTo("disgust");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void inputFileKeepsLineOrderAndReportsBadLinesInPlace(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("so happy today\n".getBytes(StandardCharsets.UTF_8));
        b.write("   \n".getBytes(StandardCharsets.UTF_8));
        b.write(new byte[] {'b', 'a', 'd', (byte) 0xC3, (byte) 0x28, '\n'}); // invalid UTF-8
        b.write("I am angry\r\n".getBytes(StandardCharsets.UTF_8));
        b.write("wow 😀".getBytes(StandardCharsets.UTF_8)); // last line without newline
        Path f = Files.write(dir.resolve("in.txt"), b.toByteArray());

        CliRun r = CliRun.run("text", P, "--batch-size", "2", "--input", f.toString());
        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_PARTIAL);
        List<JsonNode> out = r.lines();
        assertThat(out).extracting(n -> n.get("line").asInt()).containsExactly(1, 2, 3, 4, 5);
        assertThat(out.get(0).get("dominant").asText()).isEqualTo("happiness");
        assertThat(out.get(1).get("error").asText()).contains("empty");
        assertThat(out.get(2).get("error").asText()).contains("invalid UTF-8");
        assertThat(out.get(3).get("dominant").asText()).isEqualTo("anger");
        assertThat(out.get(4).get("dominant").asText()).isEqualTo("surprise");
        assertThat(r.stderr().lines()).hasSize(2).allMatch(l -> l.startsWith("emospectrum: line "));
    }

    @Test
    void readsStandardInputWithDash() {
        CliRun r = CliRun.runWithStdin("I am afraid\nso sad\n".getBytes(StandardCharsets.UTF_8), "text", P, "--input", "-");
        assertThat(r.exitCode()).isZero();
        assertThat(r.lines()).extracting(n -> n.get("dominant").asText()).containsExactly("fear", "sadness");
    }

    @Test
    void segmentsCarryCharacterSpans() {
        CliRun r = CliRun.run("text", P, "--segments", "I am happy. I am sad.");
        JsonNode segs = r.lines().get(0).get("segments");
        assertThat(segs).hasSize(2);
        assertThat(segs.get(1).get("textStart").asInt()).isEqualTo(11);
        assertThat(segs.get(1).get("dominant").asText()).isEqualTo("sadness");
    }

    @Test
    void theBundledModelFlagsOtherLanguagesAndGivesEachSentenceItsReading() {
        CliRun r = CliRun.run("text", "--provider=goemotions-minilm", "--segments", "Je suis tellement heureux aujourd'hui !",
                "I love this phone. But after one day it broke and I am furious.");
        assertThat(r.exitCode()).isZero();
        JsonNode french = r.lines().get(0);
        assertThat(french.get("language").asText()).isEqualTo("fr");
        assertThat(french.get("unsupportedLanguage").asBoolean()).isTrue();
        assertThat(french.get("confidence").floatValue()).isLessThanOrEqualTo(0.1f);
        JsonNode phone = r.lines().get(1);
        assertThat(phone.get("language").asText()).isEqualTo("en");
        assertThat(phone.get("unsupportedLanguage").asBoolean()).isFalse();
        assertThat(phone.get("segments")).hasSize(2);
        assertThat(phone.get("segments").get(0).get("dominant").asText()).isEqualTo("happiness");
        assertThat(phone.get("segments").get(1).get("textStart").asInt()).isEqualTo(19);
        assertThat(phone.has("cautions")).isFalse();
    }

    @Test
    void theBundledModelCautionsAboutIronyAndNegation() {
        CliRun r = CliRun.run("text", "--provider=goemotions-minilm", "Oh great, another Monday. Just what I needed.",
                "I am not unhappy with the result.");
        assertThat(r.exitCode()).isZero();
        assertThat(r.lines().get(0).get("cautions")).extracting(JsonNode::asText).containsExactly("irony");
        assertThat(r.lines().get(1).get("cautions")).extracting(JsonNode::asText).containsExactly("negation");
    }

    @Test
    void badInputIsOneLineOnStderrAndNonZeroWithoutAStackTrace(@TempDir Path dir) throws Exception {
        CliRun missing = CliRun.run("text", P, "--input", dir.resolve("nope.txt").toString());
        assertThat(missing.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(missing.stderr().strip()).startsWith("emospectrum: ").contains("no such file").doesNotContain("\n");
        assertThat(missing.stdout()).isEmpty();

        Path empty = Files.createFile(dir.resolve("empty.txt"));
        CliRun none = CliRun.run("text", P, "--input", empty.toString());
        assertThat(none.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(none.stderr().strip()).contains("empty").doesNotContain("\tat ");

        CliRun nothing = CliRun.run("text", P);
        assertThat(nothing.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(nothing.stderr().strip()).contains("no text given").doesNotContain("\n");

        CliRun dirAsInput = CliRun.run("text", P, "--input", dir.toString());
        assertThat(dirAsInput.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
    }

    @Test
    void verboseAddsTheStackTrace(@TempDir Path dir) {
        CliRun r = CliRun.run("text", P, "--verbose", "--input", dir.resolve("nope.txt").toString());
        assertThat(r.stderr()).contains("\tat ");
    }

    @Test
    void unknownProviderListsWhatIsThere() {
        CliRun r = CliRun.run("text", "--provider", "bert-large", "hello");
        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(r.stderr()).contains("'bert-large'").contains("keyword-test");
    }

    @Test
    void unknownProviderOptionsAndBadDevicesAreRejected() {
        CliRun opt = CliRun.run("text", P, "-O", "temperature=2", "hello");
        assertThat(opt.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(opt.stderr()).contains("temperature");
        CliRun dev = CliRun.run("text", P, "--device", "tpu", "hello");
        assertThat(dev.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(dev.stderr()).contains("tpu");
    }
}
