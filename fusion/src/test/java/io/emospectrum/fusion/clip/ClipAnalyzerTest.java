package io.emospectrum.fusion.clip;

import io.emospectrum.conversation.ContextWindow;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.fusion.FusedReading;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.spectrum.BoundingBox;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spectrum.TimeSpan;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.FaceTracker;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.testing.BrightnessFaceExtractor;
import io.emospectrum.testing.KeywordTextExtractor;
import io.emospectrum.testing.LoudnessVoiceExtractor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs generated clips through the analyzer with the SDK's deterministic test extractors: bright
 * frames read as a happy face, dark ones as a sad face, black as no face; loud sound as anger,
 * quiet sound as neutral, silence as nothing; subtitle keywords as their category.
 */
class ClipAnalyzerTest {
    private static final double SECONDS = 6;
    private static BrightnessFaceExtractor face;
    private static LoudnessVoiceExtractor voice;
    private static KeywordTextExtractor text;
    @TempDir
    static Path dir;
    private static Path clip;

    @BeforeAll
    static void setUp() throws Exception {
        face = new BrightnessFaceExtractor();
        voice = new LoudnessVoiceExtractor();
        text = new KeywordTextExtractor();
        // frames: 0-3 s white (happy face), 3-5 s dark gray (sad face), 5-6 s black (no face)
        // sound: 0-2 s loud (anger), 2-4 s quiet (neutral), 4-6 s silence (no voice reading)
        clip = TestClips.write(dir.resolve("clip.mkv"), SECONDS,
                i -> i < 30 ? 255 : i < 50 ? 60 : 0,
                t -> t < 2 ? 0.6 * Math.sin(2 * Math.PI * 220 * t) : t < 4 ? 0.1 * Math.sin(2 * Math.PI * 220 * t) : 0);
    }

    @AfterAll
    static void tearDown() {
        face.close();
        voice.close();
        text.close();
    }

    private static ClipAnalyzer.Builder analyzer() {
        return ClipAnalyzer.builder().face(face).voice(voice).text(text);
    }

    private static final class Recorder implements ClipListener {
        final List<FusedReading> windows = new ArrayList<>();
        final List<EmotionReading> readings = new ArrayList<>();
        final List<ClipIssue> issues = new ArrayList<>();
        final List<Double> progress = new ArrayList<>();

        @Override
        public void onWindow(FusedReading window) {
            windows.add(window);
        }

        @Override
        public void onReading(EmotionReading reading) {
            readings.add(reading);
        }

        @Override
        public void onIssue(ClipIssue issue) {
            issues.add(issue);
        }

        @Override
        public void onProgress(double seconds, double durationSeconds) {
            progress.add(seconds);
        }

        FusedReading at(double start) {
            return windows.stream().filter(w -> w.reading().span().time().start() == start).findFirst().orElseThrow();
        }
    }

    @Test
    void fusesFacesVoiceAndSubtitlesIntoOneTimeline() throws Exception {
        Path srt = Files.writeString(dir.resolve("clip.srt"), """
                1
                00:00:00,500 --> 00:00:01,500
                I am so happy!

                2
                00:00:03,200 --> 00:00:04,800
                I am sad. So sad.

                3
                00:00:05,500 --> 00:00:08,000
                Wow!
                """);
        Recorder rec = new Recorder();

        ClipSummary summary = analyzer().build().analyze(clip, srt, rec);

        assertThat(rec.windows).extracting(w -> w.reading().span().time().start()).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(rec.at(0).modalities()).containsExactly(Modality.TEXT, Modality.FACE, Modality.VOICE);
        assertThat(rec.at(0).reading().dominant()).isEqualTo(EmotionCategory.HAPPINESS);
        assertThat(rec.at(0).source(Modality.VOICE).orElseThrow().dominant()).isEqualTo(EmotionCategory.ANGER);
        assertThat(rec.at(1).modalities()).containsExactly(Modality.TEXT, Modality.FACE, Modality.VOICE);
        assertThat(rec.at(2).modalities()).containsExactly(Modality.FACE, Modality.VOICE);
        assertThat(rec.at(2).source(Modality.VOICE).orElseThrow().dominant()).isEqualTo(EmotionCategory.NEUTRAL);
        assertThat(rec.at(3).modalities()).containsExactly(Modality.TEXT, Modality.FACE, Modality.VOICE);
        assertThat(rec.at(3).reading().dominant()).isEqualTo(EmotionCategory.SADNESS);
        assertThat(rec.at(4).modalities()).containsExactly(Modality.TEXT, Modality.FACE);
        assertThat(rec.at(4).reading().dominant()).isEqualTo(EmotionCategory.SADNESS);
        // black frames: no face; the last cue, cut at the clip's end, stands alone without a subject
        assertThat(rec.at(5).modalities()).containsExactly(Modality.TEXT);
        assertThat(rec.at(5).reading().dominant()).isEqualTo(EmotionCategory.SURPRISE);
        assertThat(rec.at(5).reading().subject()).isNull();
        assertThat(rec.at(0).reading().subject()).isEqualTo("track-1");
        // a happy face over an angry voice disagrees more than a sad face over sad words
        assertThat(rec.at(0).disagreement()).isGreaterThan(rec.at(4).disagreement());

        assertThat(summary.issues()).extracting(ClipIssue::kind).containsExactly(ClipIssue.Kind.SUBTITLES_PAST_END);
        assertThat(rec.issues).isEqualTo(summary.issues());
        assertThat(summary.hasVideo()).isTrue();
        assertThat(summary.hasAudio()).isTrue();
        assertThat(summary.width()).isEqualTo(TestClips.WIDTH);
        assertThat(summary.framesDecoded()).isEqualTo(60);
        assertThat(summary.framesAnalyzed()).isEqualTo(30); // 5 of 10 frames per second
        assertThat(summary.durationSeconds()).isBetween(5.9, 6.1);
        assertThat(summary.readings().get(Modality.FACE)).isEqualTo(25); // 50 lit frames, every other one
        assertThat(summary.readings().get(Modality.VOICE)).isEqualTo(4);
        assertThat(summary.readings().get(Modality.TEXT)).isEqualTo(3);
        assertThat(summary.windows()).isEqualTo(6);
        assertThat(summary.subjects()).extracting(SubjectSummary::subject).containsExactly(null, "track-1");
        assertThat(summary.subjects().get(1).windows()).isEqualTo(5);
        assertThat(summary.subjects().get(1).windowsByModality()).containsEntry(Modality.VOICE, 4L).containsEntry(Modality.FACE, 5L);
        assertThat(rec.progress).isNotEmpty().isSorted();
        assertThat(summary.timings().wall()).isPositive();
    }

    @Test
    void subtitlesAreReadAsAConversationEachCueWithTheCuesBeforeIt() throws Exception {
        Path vtt = Files.writeString(dir.resolve("talk.vtt"), """
                WEBVTT

                00:00.200 --> 00:01.800
                <v Anna>I am so angry!</v>

                00:02.000 --> 00:03.000
                <v Ben>Why?</v>

                00:03.200 --> 00:04.500
                Okay.
                """);
        // the keyword extractor with a context window, as the bundled text provider has one
        TextEmotionExtractor withContext = new TextEmotionExtractor() {
            @Override
            public TextAnalysis analyze(String t) {
                return text.analyze(t);
            }

            @Override
            public ContextWindow contextWindow() {
                return ContextWindow.of(2, 0.5f);
            }

            @Override
            public ModelId model() {
                return text.model();
            }

            @Override
            public String device() {
                return text.device();
            }

            @Override
            public void close() {
            }
        };
        Recorder rec = new Recorder();

        ClipAnalyzer.builder().face(face).voice(voice).text(withContext).build().analyze(clip, vtt, rec);

        List<EmotionReading> lines = rec.readings.stream().filter(r -> r.modality() == Modality.TEXT).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines).extracting(EmotionReading::subject).containsExactly("Anna", "Ben", null);
        assertThat(lines).extracting(r -> r.span().time().start()).containsExactly(0.2, 2.0, 3.2);
        // "Why?" and "Okay." carry no keyword: alone they read neutral; after the angry line, anger
        assertThat(text.analyze("Why?").overall().spectrum().probability(EmotionCategory.ANGER)).isZero();
        assertThat(lines.get(1).spectrum().probability(EmotionCategory.ANGER)).isGreaterThan(0.3f);
        assertThat(lines.get(2).spectrum().probability(EmotionCategory.ANGER)).isGreaterThan(0.3f);
        assertThat(rec.at(2).source(Modality.TEXT).orElseThrow().spectrum().probability(EmotionCategory.ANGER)).isGreaterThan(0.3f);
    }

    @Test
    void aClipWithoutSoundGivesAFaceTimelineAndSaysSo() throws Exception {
        Path silent = TestClips.write(dir.resolve("nosound.mkv"), 3, i -> 255, null);
        Recorder rec = new Recorder();

        ClipSummary summary = analyzer().build().analyze(silent, rec);

        assertThat(summary.hasAudio()).isFalse();
        assertThat(summary.issues(ClipIssue.Kind.NO_AUDIO)).singleElement()
                .satisfies(i -> assertThat(i.message()).contains("no sound track"));
        assertThat(rec.windows).hasSize(3).allSatisfy(w -> {
            assertThat(w.modalities()).containsExactly(Modality.FACE);
            assertThat(w.reading().dominant()).isEqualTo(EmotionCategory.HAPPINESS);
        });
    }

    @Test
    void aClipWithoutFacesGivesAVoiceTimelineAndSaysSo() throws Exception {
        Path dark = TestClips.write(dir.resolve("dark.mkv"), 3, i -> 0, t -> 0.6 * Math.sin(2 * Math.PI * 330 * t));
        Recorder rec = new Recorder();

        ClipSummary summary = analyzer().build().analyze(dark, rec);

        assertThat(summary.issues(ClipIssue.Kind.NO_FACES)).singleElement()
                .satisfies(i -> assertThat(i.message()).contains("no face was found in the 15 frames"));
        assertThat(rec.windows).hasSize(3).allSatisfy(w -> {
            assertThat(w.modalities()).containsExactly(Modality.VOICE);
            assertThat(w.reading().dominant()).isEqualTo(EmotionCategory.ANGER);
            assertThat(w.reading().subject()).isNull();
        });
    }

    @Test
    void subtitlesThatDoNotParseAreReportedAndTheRestIsRead() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.srt"), "1\n00:00:01,000 -> 00:00:02,000\nhappy\n");
        Recorder rec = new Recorder();

        ClipSummary summary = analyzer().build().analyze(clip, bad, rec);

        assertThat(summary.issues(ClipIssue.Kind.SUBTITLES_UNREADABLE)).singleElement()
                .satisfies(i -> assertThat(i.message()).contains("bad.srt, line 2"));
        assertThat(summary.readings()).doesNotContainKey(Modality.TEXT);
        assertThat(rec.windows).extracting(w -> w.reading().span().time()).startsWith(new TimeSpan(0, 1));
        assertThat(rec.at(0).modalities()).containsExactly(Modality.FACE, Modality.VOICE);
    }

    @Test
    void aMissingModalityIsReportedNotFatal() throws Exception {
        Recorder rec = new Recorder();
        ClipSummary summary = ClipAnalyzer.builder().voice(voice).build().analyze(clip, rec);
        assertThat(summary.issues(ClipIssue.Kind.NO_EXTRACTOR)).singleElement()
                .satisfies(i -> assertThat(i.message()).contains("no face extractor"));
        assertThat(rec.windows).hasSize(4).allSatisfy(w -> assertThat(w.modalities()).containsExactly(Modality.VOICE));
    }

    @Test
    void filesThatAreNoClipFailWithATypedError() throws Exception {
        ClipAnalyzer a = analyzer().build();
        assertThatThrownBy(() -> a.analyze(dir.resolve("nope.mp4"), ClipListener.NONE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nope.mp4");
        Path junk = Files.write(dir.resolve("junk.mp4"), "this is not a video".getBytes());
        assertThatThrownBy(() -> a.analyze(junk, ClipListener.NONE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("junk.mp4");
        // the analyzer keeps working afterwards (the last second is black and silent: no window)
        assertThat(a.analyze(clip, ClipListener.NONE).windows()).isEqualTo(5);
    }

    @Test
    void framesCanBeScaledDownForTheTrackerWithBoxesMappedBack() {
        List<Integer> widths = new ArrayList<>();
        FaceEmotionExtractor recording = new FaceEmotionExtractor() {
            @Override public List<EmotionReading> analyze(ImageFrame image) { return face.analyze(image); }
            @Override public List<EmotionReading> analyze(Path imageFile) { return face.analyze(imageFile); }
            @Override public EmotionReading classifyCrop(ImageFrame crop) { return face.classifyCrop(crop); }
            @Override public EmotionReading classifyCrop(Path cropFile) { return face.classifyCrop(cropFile); }
            @Override public ModelId model() { return face.model(); }
            @Override public String device() { return face.device(); }
            @Override public void close() { }
            @Override public FaceTracker openTracker() {
                FaceTracker inner = face.openTracker();
                return new FaceTracker() {
                    @Override public List<List<EmotionReading>> acceptAll(List<ImageFrame> frames) {
                        frames.forEach(f -> widths.add(f.width()));
                        return inner.acceptAll(frames);
                    }
                    @Override public List<EmotionReading> trackSummaries() { return inner.trackSummaries(); }
                    @Override public void close() { inner.close(); }
                };
            }
        };
        Recorder rec = new Recorder();

        ClipSummary summary = ClipAnalyzer.builder().face(recording).maxFrameSide(80).build().analyze(clip, rec);

        assertThat(widths).isNotEmpty().containsOnly(80);
        assertThat(summary.width()).isEqualTo(TestClips.WIDTH);
        // the test face covers the whole frame: 80x60 seen, 160x120 reported
        assertThat(rec.readings).isNotEmpty().allSatisfy(r ->
                assertThat(r.span().box()).isEqualTo(new BoundingBox(0, 0, TestClips.WIDTH, TestClips.HEIGHT)));
    }

    @Test
    void rejectsAnAnalyzerWithoutExtractors() {
        assertThatThrownBy(() -> ClipAnalyzer.builder().build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> analyzer().faceFramesPerSecond(0).build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> analyzer().maxFrameSide(8).build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> analyzer().faceBatch(0).build()).isInstanceOf(ConfigurationException.class);
    }
}
