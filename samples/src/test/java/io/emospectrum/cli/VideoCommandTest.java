package io.emospectrum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.emospectrum.fusion.clip.TestClips;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code video} contract with the brightness, loudness and keyword test providers on a clip
 * generated here: 0-3 s white (happy face), 3-5 s dark (sad face), 5-6 s black (no face); loud sound
 * (anger) to 2 s, quiet (neutral) to 4 s, then silence.
 */
class VideoCommandTest {
    private static final String[] PROVIDERS = {"--face-provider=brightness-test", "--voice-provider=loudness-test",
            "--text-provider=keyword-test", "--no-progress"};
    @TempDir
    static Path dir;
    static Path clip;
    static Path srt;

    @BeforeAll
    static void clip() throws Exception {
        clip = TestClips.write(dir.resolve("clip.mkv"), 6, i -> i < 30 ? 255 : i < 50 ? 60 : 0,
                t -> t < 2 ? 0.6 * Math.sin(2 * Math.PI * 220 * t) : t < 4 ? 0.1 * Math.sin(2 * Math.PI * 220 * t) : 0);
        srt = Files.writeString(dir.resolve("clip.srt"),
                "1\n00:00:00,500 --> 00:00:01,500\nI am so happy!\n\n2\n00:00:03,200 --> 00:00:04,800\nI am sad. So sad.\n\n"
                        + "3\n00:00:05,500 --> 00:00:09,000\nWow!\n");
    }

    private static String[] args(String... more) {
        List<String> a = new ArrayList<>(List.of("video"));
        a.addAll(List.of(PROVIDERS));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void writesOneObjectPerWindowThenASummaryAndAPlot() throws Exception {
        Path png = dir.resolve("timeline.png");
        CliRun r = CliRun.run(args("--subtitles", srt.toString(), "--plot", png.toString(), clip.toString()));

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        List<JsonNode> out = r.lines();
        assertThat(out).hasSize(7);
        List<JsonNode> windows = out.subList(0, 6);
        assertThat(windows).allSatisfy(w -> {
            assertThat(w.get("type").asText()).isEqualTo("window");
            assertThat(w.get("modality").asText()).isEqualTo("fused");
            assertThat(w.get("vector")).hasSize(9);
        });
        assertThat(windows).extracting(w -> w.get("start").asDouble()).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(windows).extracting(w -> w.get("dominant").asText())
                .containsExactly("happiness", "happiness", "happiness", "sadness", "sadness", "surprise");
        assertThat(windows.get(0).get("modalities")).extracting(JsonNode::asText).containsExactly("text", "face", "voice");
        assertThat(windows.get(0).get("subject").asText()).isEqualTo("track-1");
        assertThat(windows.get(0).get("sources")).hasSize(3);
        assertThat(windows.get(0).get("sources").get(2).get("dominant").asText()).isEqualTo("anger");
        assertThat(windows.get(0).get("disagreement").asDouble()).isGreaterThan(windows.get(4).get("disagreement").asDouble());
        assertThat(windows.get(5).get("modalities")).extracting(JsonNode::asText).containsExactly("text");

        JsonNode summary = out.get(6);
        assertThat(summary.get("type").asText()).isEqualTo("summary");
        assertThat(summary.get("windows").asInt()).isEqualTo(6);
        assertThat(summary.get("issues").get(0).get("kind").asText()).isEqualTo("subtitles_past_end");
        assertThat(summary.get("subjects").get(1).get("subject").asText()).isEqualTo("track-1");
        assertThat(summary.get("timings").get("wall").asDouble()).isPositive();
        assertThat(r.stderr()).contains("warning").contains("past the end of the clip");

        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        // two subjects drawn: track-1 and the clip-wide windows without a face (the text-only window)
        assertThat(img.getHeight()).isEqualTo(100 + 2 * 600);
    }

    @Test
    void csvIsATableOfTheWindows() {
        CliRun r = CliRun.run(args("--csv", "--subtitles", srt.toString(), clip.toString()));

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        String[] rows = r.stdout().strip().split("\n");
        assertThat(rows).hasSize(7);
        assertThat(rows[0]).isEqualTo(TimelineCsv.HEADER);
        assertThat(rows[4]).startsWith("3.0000,4.0000,track-1,text+face+voice,sadness,");
        assertThat(rows[4].split(",")).hasSize(16);
        assertThat(rows[6]).startsWith("5.0000,6.0000,,text,surprise,");
    }

    @Test
    void badSubtitlesAreAWarningAndTheRestIsRead() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.vtt"), "WEBVTT\n\n00:01.000 --> 00:xx.000\nhello\n");
        CliRun r = CliRun.run(args("--subtitles", bad.toString(), clip.toString()));

        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_PARTIAL);
        assertThat(r.stderr()).contains("bad.vtt, line 3").contains("00:xx.000");
        List<JsonNode> out = r.lines();
        assertThat(out.get(0).get("modalities")).extracting(JsonNode::asText).containsExactly("face", "voice");
        assertThat(out.get(out.size() - 1).get("issues").get(0).get("kind").asText()).isEqualTo("subtitles_unreadable");
    }

    @Test
    void aClipWithoutSoundIsReadFromItsFaces() throws Exception {
        Path silent = TestClips.write(dir.resolve("silent.mkv"), 2, i -> 255, null);
        CliRun r = CliRun.run(args(silent.toString()));

        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).contains("no sound track");
        List<JsonNode> out = r.lines();
        assertThat(out).hasSize(3);
        assertThat(out.get(0).get("modalities")).extracting(JsonNode::asText).containsExactly("face");
    }

    @Test
    void longerClipsGetAProgressBarOnStderrShortOnesDoNot() throws Exception {
        Path longer = TestClips.write(dir.resolve("long.mkv"), 12, i -> 255, null);
        List<String> noBar = List.of("--face-provider=brightness-test", "--voice-provider=loudness-test");

        CliRun r = CliRun.run("video", noBar.get(0), noBar.get(1), longer.toString());
        CliRun quiet = CliRun.run("video", noBar.get(0), noBar.get(1), "--no-progress", longer.toString());
        Path brief = TestClips.write(dir.resolve("brief.mkv"), 2, i -> 255, null);
        CliRun shortClip = CliRun.run("video", noBar.get(0), noBar.get(1), brief.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).contains("video").containsPattern("\\d+%").contains(" s ");
        assertThat(r.lines()).hasSize(13); // the bar never reaches stdout
        assertThat(quiet.stderr()).doesNotContainPattern("\\d+%");
        assertThat(shortClip.stderr()).doesNotContainPattern("\\d+%");
    }

    @Test
    void theLearnedStrategyNeedsItsModelFile() {
        CliRun r = CliRun.run(args("--strategy", "learned", clip.toString()));
        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(r.stderr()).contains("model=FILE.json");
        CliRun unknown = CliRun.run(args("--strategy", "median", clip.toString()));
        assertThat(unknown.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(unknown.stderr()).contains("log-linear");
    }

    @Test
    void aFileThatIsNoClipIsBadInput() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.mp4"), "not a video");
        CliRun r = CliRun.run(args(junk.toString()));
        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(r.stderr()).contains("junk.mp4");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void faceOptionsGoToTheFaceExtractor() {
        String[] real = {"video", "--face-provider=mini-xception", "--voice-provider=loudness-test", "--no-progress"};
        CliRun bad = CliRun.run(concat(real, "-O", "detect-interval=0", clip.toString()));
        assertThat(bad.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(bad.stderr()).contains("'detect-interval' must be an integer in [1, 100], was '0'");
        CliRun unknown = CliRun.run(concat(real, "-O", "detect-every=5", clip.toString()));
        assertThat(unknown.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(unknown.stderr()).contains("detect-every");
        // detector.min-score: the old spelling of detector-min-score, still accepted (with a warning) for existing scripts
        CliRun ok = CliRun.run(concat(real, "-O", "detect-interval=5", "-O", "detector.min-score=0.9", clip.toString()));
        assertThat(ok.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_OK);
        assertThat(ok.stdout()).contains("\"windows\"");
        CliRun perModality = CliRun.run(args("--model", "x", clip.toString()));
        assertThat(perModality.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(perModality.stderr()).contains("-O options go to the face extractor");
    }

    private static String[] concat(String[] a, String... b) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(b));
        return l.toArray(String[]::new);
    }
}
