package io.emospectrum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.emospectrum.fusion.clip.TestClips;
import io.emospectrum.testing.Reproducers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the tool fails: output that cannot be written ends the run; bad items are error lines and
 * the rest is read; files read in part say so; bad user files and options are bad usage (exit 2).
 * Each case is one of the reproducers in ../shared/repro/README.md, rebuilt here where it can be.
 */
class FailureModesTest {
    private static final String TEXT = "--provider=keyword-test";
    private static final String[] CLIP_PROVIDERS = {"--face-provider=brightness-test", "--voice-provider=loudness-test",
            "--text-provider=keyword-test", "--no-progress"};
    @TempDir
    static Path dir;
    static Path clip;

    @BeforeAll
    static void clip() throws Exception {
        clip = TestClips.write(dir.resolve("clip.mkv"), 4, i -> 200, t -> 0.5 * Math.sin(2 * Math.PI * 220 * t));
    }

    /** Standard output that fails once {@code okWrites} writes went through, as a closed pipe or a full disk does. */
    private static final class FailingOutput extends OutputStream {
        final AtomicInteger writes = new AtomicInteger();
        private final int okWrites;

        FailingOutput(int okWrites) {
            this.okWrites = okWrites;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (writes.incrementAndGet() > okWrites) {
                throw new IOException("Broken pipe");
            }
        }
    }

    private static int run(OutputStream stdout, StringWriter stderr, InputStream stdin, String... args) {
        CommandLine cl = EmoSpectrumCli.commandLine();
        cl.setOut(new PrintWriter(stdout));
        cl.setErr(new PrintWriter(stderr));
        InputStream saved = System.in;
        try {
            if (stdin != null) {
                System.setIn(stdin);
            }
            return cl.execute(args);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void aFullDiskOnStandardOutputIsAnErrorNotASuccess() {
        StringWriter err = new StringWriter();
        int code = run(new FailingOutput(0), err, null, "text", TEXT, "I am so happy");
        assertThat(code).isEqualTo(EmoSpectrumCli.EXIT_FAILURE);
        assertThat(err.toString()).contains("cannot write the output");
    }

    @Test
    void aClosedPipeStopsTheWorkAtOnce() {
        byte[] lines = "I am so happy today\n".repeat(20_000).getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream stdin = new ByteArrayInputStream(lines);
        FailingOutput out = new FailingOutput(1); // the reader takes one line and goes away, as `| head -1` does
        StringWriter err = new StringWriter();
        int code = run(out, err, stdin, "text", TEXT, "--batch-size", "8", "--input", "-");
        assertThat(code).isEqualTo(EmoSpectrumCli.EXIT_FAILURE);
        assertThat(err.toString()).contains("cannot write the output");
        assertThat(stdin.available()).as("input left unread after the pipe closed").isGreaterThan(lines.length / 2);
    }

    @Test
    void oneItemsUnexpectedFailureIsItsErrorLineAndTheRestAreRead() {
        StringWriter text = new StringWriter();
        JsonLines out = new JsonLines(new PrintWriter(text));
        List<Path> files = List.of(Path.of("a.png"), Path.of("huge.png"), Path.of("c.png"));
        StringWriter err = new StringWriter();
        int code = InputFiles.readEach(files, out, new PrintWriter(err), (f, o) -> {
            if (f.toString().equals("huge.png")) {
                throw new OutOfMemoryError("Java heap space");
            }
            o.putArray("faces");
            return List.of();
        });
        assertThat(code).isEqualTo(EmoSpectrumCli.EXIT_PARTIAL);
        String[] lines = text.toString().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).contains("\"error\"").contains("out of memory").contains("EMOSPECTRUM_JAVA_OPTS");
        assertThat(lines[2]).contains("\"faces\"");
        assertThat(err.toString()).contains("huge.png");
    }

    @Test
    void imageBombsAndBrokenPngsAreTheirItemsErrorsAndTheOtherImagesAreRead() throws Exception {
        Path good = Files.copy(astronaut(), dir.resolve("astronaut.png"));
        Path bomb = Files.write(dir.resolve("bomb.png"), pngHeader(16_384, 16_384));
        CliRun r = CliRun.run("image", good.toString(), bomb.toString(), good.toString());
        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_PARTIAL);
        List<JsonNode> out = r.lines();
        assertThat(out).hasSize(3);
        assertThat(out.get(0).get("faces")).isNotEmpty();
        assertThat(out.get(1).get("error").asText()).contains("too large").contains("16384x16384");
        assertThat(out.get(2).get("faces")).isNotEmpty();
        assertThat(r.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void devicesAndPipesAreRefusedOnEveryPath() throws Exception {
        Path fifo = dir.resolve("fifo");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
        CliRun text = CliRun.run("text", TEXT, "--input", fifo.toString());
        assertThat(text.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(text.stderr()).contains("not a regular file");
        CliRun list = CliRun.run("image", "--provider=brightness-test", "--list", fifo.toString());
        assertThat(list.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        CliRun mapping = CliRun.run("text", TEXT, "--model", dir.toString(), "--label-mapping", fifo.toString(), "x");
        assertThat(mapping.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(mapping.stderr()).contains("not a regular file");
        CliRun subtitles = CliRun.run(clipArgs("--subtitles", fifo.toString(), clip.toString()));
        assertThat(subtitles.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_PARTIAL);
        assertThat(subtitles.stderr()).contains("not a regular file");
    }

    @Test
    void absurdSubtitleTimesAreAWarningWithFileAndLineAndTheClipIsRead() throws Exception {
        Path srt = Files.writeString(dir.resolve("huge.srt"),
                "1\n99999999999999999999:00:00,000 --> 99999999999999999999:00:01,000\nhuge hours\n");
        CliRun r = CliRun.run(clipArgs("--subtitles", srt.toString(), clip.toString()));
        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_PARTIAL);
        assertThat(r.stderr()).contains("huge.srt, line 2").contains("hours").doesNotContain("NumberFormatException");
        assertThat(r.lines()).hasSizeGreaterThan(1); // windows, then the summary
    }

    @Test
    void theSubtitleReproducerToo() {
        Path srt = Reproducers.file("srt_hugehours.srt");
        CliRun r = CliRun.run(clipArgs("--subtitles", srt.toString(), clip.toString()));
        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_PARTIAL);
        assertThat(r.stderr()).contains("srt_hugehours.srt, line 2");
    }

    @Test
    void aClipCutShortIsReadAsFarAsItGoesAndReportedAsTruncated() throws Exception {
        Path longer = faststartMp4(dir.resolve("long.mp4"), 8);
        byte[] whole = Files.readAllBytes(longer);
        CliRun complete = CliRun.run(clipArgs(longer.toString()));
        assertThat(complete.exitCode()).as(complete.stderr()).isZero();
        Path cut = Files.write(dir.resolve("cut.mp4"), java.util.Arrays.copyOf(whole, whole.length / 2));
        CliRun r = CliRun.run(clipArgs(cut.toString()));
        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_PARTIAL);
        assertThat(r.stderr()).contains("truncated or unreadable stream");
        List<JsonNode> out = r.lines();
        assertThat(out.get(out.size() - 1).get("issues").toString()).contains("truncated");
        assertThat(out).as("the part that is there is read").hasSizeGreaterThan(2);
    }

    @Test
    void theTruncatedMp4Reproducer() {
        CliRun r = CliRun.run(clipArgs(Reproducers.file("trunc50_faststart.mp4").toString()));
        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_PARTIAL);
        assertThat(r.stderr()).contains("truncated or unreadable stream");
    }

    @Test
    void optionsHaveFloors() {
        CliRun hop = CliRun.run(clipArgs("--hop", "0.00001", clip.toString()));
        assertThat(hop.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(hop.stderr()).contains("hop").contains("0.05");
        assertThat(hop.stdout()).isEmpty();
    }

    @Test
    void badUserFilesAreBadUsageNotInternalFailures() throws Exception {
        Path mapping = Files.writeString(dir.resolve("mapping.json"), "{\"mapping\": {\"joy\": ");
        CliRun m = CliRun.run("text", TEXT, "--model", dir.toString(), "--label-mapping", mapping.toString(), "hello");
        assertThat(m.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(m.stderr()).contains("mapping.json").doesNotContain("\tat ");
        CliRun fusion = CliRun.run(clipArgs("--strategy", "learned", "--strategy-option", "model=" + dir.resolve("missing.json"),
                clip.toString()));
        assertThat(fusion.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(fusion.stderr()).contains("missing.json").contains("does not exist");
    }

    @Test
    void invalidUtf8InAnArgumentIsThatItemsErrorAsInAnInputFile() {
        // the JVM decodes an argument's invalid bytes to U+FFFD before the tool sees it
        CliRun r = CliRun.run("text", TEXT, "I am so happy", "bad \uFFFD( bytes");
        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_PARTIAL);
        List<JsonNode> out = r.lines();
        assertThat(out.get(0).get("dominant").asText()).isEqualTo("happiness");
        assertThat(out.get(1).get("error").asText()).contains("invalid UTF-8");
    }

    @Test
    void formatsThatAreAlwaysRefusedAreNotCollectedFromDirectories() throws Exception {
        Path imgs = Files.createDirectories(dir.resolve("formats"));
        Files.copy(astronaut(), imgs.resolve("a.png"));
        for (String ext : new String[] {"tif", "tiff", "ppm", "pgm"}) {
            Files.writeString(imgs.resolve("b." + ext), "P2 1 1 255 0");
        }
        CliRun r = CliRun.run("image", "--provider=brightness-test", imgs.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.lines()).extracting(n -> Path.of(n.get("file").asText()).getFileName().toString()).containsExactly("a.png");
    }

    @Test
    void aMuLawCallRecordingIsRead() {
        CliRun r = CliRun.run("call", Reproducers.file("call_ulaw_stereo.wav").toString());
        assertThat(r.exitCode()).isZero();
        List<JsonNode> out = r.lines();
        JsonNode summary = out.get(out.size() - 1);
        assertThat(summary.get("type").asText()).isEqualTo("summary");
        assertThat(summary.get("duration").asDouble()).isGreaterThan(1);
    }

    @Test
    void aWavCutShortIsReadWithAWarning() throws Exception {
        int rate = 16_000;
        ByteBuffer pcm = ByteBuffer.allocate(rate * 2 * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rate * 4; i++) {
            pcm.putShort((short) (20000 * Math.sin(2 * Math.PI * 200 * i / rate)));
        }
        ByteBuffer h = ByteBuffer.allocate(44).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm.capacity()).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        h.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate)
                .putInt(rate * 2).putShort((short) 2).putShort((short) 16);
        h.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.capacity());
        byte[] whole = new byte[44 + pcm.capacity()];
        System.arraycopy(h.array(), 0, whole, 0, 44);
        System.arraycopy(pcm.array(), 0, whole, 44, pcm.capacity());
        Path cut = Files.write(dir.resolve("cut.wav"), java.util.Arrays.copyOf(whole, 44 + pcm.capacity() / 2));
        CliRun r = CliRun.run("audio", cut.toString());
        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_PARTIAL);
        assertThat(r.stderr()).contains("warning").contains("truncated");
        JsonNode item = r.lines().get(0);
        assertThat(item.get("windows")).isNotEmpty();
        assertThat(item.get("warnings").get(0).asText()).contains("4.00 s").contains("2.00 s");
    }

    /** An MP4 with its index first (as web video is written), gray frames, no sound: cut in half, its index points past the end. */
    private static Path faststartMp4(Path file, int seconds) throws Exception {
        try (org.bytedeco.javacv.FFmpegFrameRecorder r = new org.bytedeco.javacv.FFmpegFrameRecorder(file.toFile(), 160, 120, 0)) {
            r.setFormat("mp4");
            r.setOption("movflags", "faststart");
            r.setVideoCodec(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4);
            r.setFrameRate(10);
            r.start();
            org.bytedeco.javacv.Frame f = new org.bytedeco.javacv.Frame(160, 120, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3);
            for (int i = 0; i < seconds * 10; i++) {
                ByteBuffer px = (ByteBuffer) f.image[0];
                for (int p = 0; p < px.capacity(); p++) {
                    px.put(p, (byte) 200);
                }
                r.record(f, org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24);
            }
            r.stop();
        }
        return file;
    }

    private static String[] clipArgs(String... more) {
        List<String> a = new ArrayList<>(List.of("video"));
        a.addAll(List.of(CLIP_PROVIDERS));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** A PNG signature, an IHDR of the given size and an IEND: a bomb's header without its pixels. */
    private static byte[] pngHeader(int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        byte[] ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(w).putInt(h)
                .put(new byte[] {8, 2, 0, 0, 0}).array();
        CRC32 crc = new CRC32();
        crc.update(ihdr);
        b.putInt(13).put(ihdr).putInt((int) crc.getValue());
        crc.reset();
        crc.update("IEND".getBytes(StandardCharsets.US_ASCII));
        b.putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt((int) crc.getValue());
        return b.array();
    }

    /** The face image of the image module's tests (skimage's astronaut.png, public domain). */
    private static Path astronaut() {
        Path p = Path.of("..", "modality-image", "src", "test", "resources", "images", "astronaut.png");
        Assumptions.assumeTrue(Files.isRegularFile(p), "no " + p + ": run the tests from the module directory");
        return p;
    }
}
