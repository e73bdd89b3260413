package io.emospectrum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emospectrum.fusion.clip.TestClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code batch} contract with the keyword, brightness and loudness test providers. */
class BatchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> jsonLines(Path f) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(f)) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    private static Map<String, JsonNode> index(Path dir) throws IOException {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (JsonNode n : jsonLines(dir.resolve("index.jsonl"))) {
            m.put(n.get("input").asText(), n);
        }
        return m;
    }

    @Test
    void textFilesGetOneResultEachTheSameAsTheTextCommandAndAFailedFileIsRecorded(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "I am so happy!\nThis is sad.\n\nwow\n");
        Path b = Files.writeString(dir.resolve("b.txt"), "angry angry\n");
        Path missing = dir.resolve("missing.txt");
        Path list = Files.writeString(dir.resolve("list.txt"), a + "\n" + missing + "\n# a comment\n" + b + "\n");
        Path out = dir.resolve("out");

        CliRun r = CliRun.run("batch", "text", "--provider=keyword-test", "--list", list.toString(), "--out", out.toString(),
                "--jobs", "2", "--no-progress");

        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(EmoSpectrumCli.EXIT_PARTIAL);
        Map<String, JsonNode> index = index(out);
        assertThat(index.keySet()).containsExactly(a.toString(), missing.toString(), b.toString());
        assertThat(index.get(a.toString()).get("status").asText()).isEqualTo("ok");
        assertThat(index.get(a.toString()).get("items").asLong()).isEqualTo(4);
        assertThat(index.get(missing.toString()).get("status").asText()).isEqualTo("failed");
        assertThat(index.get(missing.toString()).get("error").asText()).contains("no such file");
        assertThat(r.stderr()).contains("missing.txt").contains("2 read, 1 failed, 0 already done").contains("texts/s");
        assertThat(out.resolve(index.get(missing.toString()).get("output").asText())).doesNotExist();

        CliRun single = CliRun.run("text", "--provider=keyword-test", "--input", a.toString());
        assertThat(jsonLines(out.resolve(index.get(a.toString()).get("output").asText())))
                .isEqualTo(single.lines());
    }

    @Test
    void aRerunSkipsWhatIsDoneAndRedoesWhatAStoppedRunLeftHalfWritten(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "happy\n");
        Path b = Files.writeString(dir.resolve("b.txt"), "sad\n");
        Path c = Files.writeString(dir.resolve("c.txt"), "wow\n");
        Path out = dir.resolve("out");
        String[] args = {"batch", "text", "--provider=keyword-test", "--out", out.toString(), "--no-progress",
                a.toString(), b.toString(), c.toString()};
        assertThat(CliRun.run(args).exitCode()).isZero();
        Map<String, JsonNode> first = index(out);
        Path resultA = out.resolve(first.get(a.toString()).get("output").asText());
        Path resultB = out.resolve(first.get(b.toString()).get("output").asText());
        Path resultC = out.resolve(first.get(c.toString()).get("output").asText());
        String expectedB = Files.readString(resultB);
        // what a run stopped while writing b leaves: a done, b only as a temporary file, c not started
        Files.setLastModifiedTime(resultA, FileTime.fromMillis(1_000_000));
        Files.move(resultB, BatchOutputs.temporary(resultB));
        Files.writeString(BatchOutputs.temporary(resultB), "{\"line\":1,\"vec");
        Files.delete(resultC);

        CliRun again = CliRun.run(args);

        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stderr()).contains("2 read, 0 failed, 1 already done");
        assertThat(Files.getLastModifiedTime(resultA).toMillis()).isEqualTo(1_000_000);
        assertThat(Files.readString(resultB)).isEqualTo(expectedB);
        assertThat(resultC).exists();
        assertThat(BatchOutputs.temporary(resultB)).doesNotExist();
        Map<String, JsonNode> second = index(out);
        assertThat(second.values()).extracting(n -> n.get("status").asText()).containsOnly("ok");
        // the skipped input keeps what the first run recorded about it
        assertThat(second.get(a.toString())).isEqualTo(first.get(a.toString()));
    }

    @Test
    void clipsSideBySideGiveWhatTheVideoCommandGivesAndABadClipIsRecorded(@TempDir Path dir) throws Exception {
        Path bright = TestClips.write(dir.resolve("bright.mkv"), 3, i -> 255, t -> 0.6 * Math.sin(2 * Math.PI * 220 * t));
        Path dark = TestClips.write(dir.resolve("dark.mkv"), 2, i -> 60, t -> 0.1 * Math.sin(2 * Math.PI * 220 * t));
        Path bad = Files.writeString(dir.resolve("bad.mkv"), "not a video");
        Path out = dir.resolve("out");

        CliRun r = CliRun.run("batch", "video", "--face-provider=brightness-test", "--voice-provider=loudness-test",
                "--jobs", "2", "--no-progress", "--out", out.toString(), bright.toString(), bad.toString(), dark.toString());

        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(EmoSpectrumCli.EXIT_PARTIAL);
        Map<String, JsonNode> index = index(out);
        assertThat(index.get(bad.toString()).get("status").asText()).isEqualTo("failed");
        assertThat(index.get(bad.toString()).get("error").asText()).isNotBlank();
        assertThat(index.get(bright.toString()).get("mediaSeconds").asDouble()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.2));
        assertThat(r.stderr()).contains("real time");
        for (Path clip : List.of(bright, dark)) {
            List<JsonNode> batch = jsonLines(out.resolve(index.get(clip.toString()).get("output").asText()));
            List<JsonNode> single = CliRun.run("video", "--face-provider=brightness-test", "--voice-provider=loudness-test",
                    "--no-progress", clip.toString()).lines();
            assertThat(withoutTimings(batch)).isEqualTo(withoutTimings(single));
            assertThat(batch.get(batch.size() - 1).get("type").asText()).isEqualTo("summary");
        }
    }

    @Test
    void aSecondRunIntoADirectoryInUseIsRefused(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "happy\n");
        Path out = Files.createDirectories(dir.resolve("out"));
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(out.resolve(".lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock held = ch.lock()) {
            CliRun r = CliRun.run("batch", "text", "--provider=keyword-test", "--no-progress", "--out", out.toString(), a.toString());
            assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
            assertThat(r.stderr()).contains("another emospectrum batch is writing to");
        }
        assertThat(CliRun.run("batch", "text", "--provider=keyword-test", "--no-progress", "--out", out.toString(), a.toString())
                .exitCode()).isZero();
    }

    @Test
    void audioFilesGetWhatTheAudioCommandGives(@TempDir Path dir) throws Exception {
        Path loud = wav(dir.resolve("loud.wav"), 2.0, 0.6);
        Path quiet = wav(dir.resolve("quiet.wav"), 1.5, 0.05);
        Path out = dir.resolve("out");

        CliRun r = CliRun.run("batch", "audio", "--provider=loudness-test", "--no-progress", "--out", out.toString(),
                loud.toString(), quiet.toString());

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Map<String, JsonNode> index = index(out);
        for (Path f : List.of(loud, quiet)) {
            List<JsonNode> batch = jsonLines(out.resolve(index.get(f.toString()).get("output").asText()));
            assertThat(batch).isEqualTo(CliRun.run("audio", "--provider=loudness-test", f.toString()).lines());
            assertThat(index.get(f.toString()).get("mediaSeconds").asDouble()).isPositive();
        }
    }

    private static Path wav(Path out, double seconds, double amplitude) throws IOException {
        int rate = 16_000;
        int n = (int) (seconds * rate);
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(n * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            bb.putShort((short) (amplitude * 32767 * Math.sin(2 * Math.PI * 200 * i / rate)));
        }
        javax.sound.sampled.AudioFormat f = new javax.sound.sampled.AudioFormat(rate, 16, 1, true, false);
        try (javax.sound.sampled.AudioInputStream in = new javax.sound.sampled.AudioInputStream(
                new java.io.ByteArrayInputStream(bb.array()), f, n)) {
            javax.sound.sampled.AudioSystem.write(in, javax.sound.sampled.AudioFileFormat.Type.WAVE, out.toFile());
        }
        return out;
    }

    private static List<JsonNode> withoutTimings(List<JsonNode> lines) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : lines) {
            ObjectNode copy = n.deepCopy();
            copy.remove("timings");
            out.add(copy);
        }
        return out;
    }
}
