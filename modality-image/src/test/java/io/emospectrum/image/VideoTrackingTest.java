package io.emospectrum.image;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.error.UnsupportedMediaException;
import io.emospectrum.image.frame.FrameSampling;
import io.emospectrum.image.frame.VideoFrameSource;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.FaceTracker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VideoTrackingTest {
    @TempDir
    static Path tmp;
    private static MiniXceptionFaceExtractor extractor;
    private static Path clip;

    @BeforeAll
    static void setUp() throws IOException {
        extractor = new MiniXceptionFaceProvider().createExtractor(ExtractorOptions.builder().property("detector", "cascade").build());
        clip = TestVideos.twoFacesMjpeg(tmp.resolve("two.avi"), 45, 30, 2);
    }

    @AfterAll
    static void tearDown() {
        extractor.close();
    }

    @Test
    void twoMovingFacesKeepTwoStableTrackIdsWithTimestamps() {
        List<EmotionReading> perFrame = new ArrayList<>();
        MiniXceptionFaceExtractor.VideoResult r = extractor.analyzeVideo(clip, FrameSampling.everyFrame(), 8, perFrame::add);
        assertThat(r.analyzedFrames()).isEqualTo(45);
        assertThat(r.tracks()).extracting(EmotionReading::subject).containsExactlyInAnyOrder("track-1", "track-2");
        // Each track follows one face: its boxes move steadily one way (left face right, right face left).
        Map<String, List<Float>> xs = new TreeMap<>();
        for (EmotionReading e : perFrame) {
            xs.computeIfAbsent(e.subject(), k -> new ArrayList<>()).add(e.span().box().x());
            assertThat(e.span().time()).isNotNull();
        }
        assertThat(xs.values()).allSatisfy(l -> assertThat(l.size()).isGreaterThan(35));
        for (List<Float> l : xs.values()) {
            float drift = l.get(l.size() - 1) - l.get(0);
            assertThat(Math.abs(drift)).as("a track's face moves ~44 px over the clip").isBetween(25f, 65f);
        }
        for (EmotionReading s : r.tracks()) {
            assertThat(s.span().time().start()).isLessThan(0.1);
            assertThat(s.span().time().end()).isGreaterThan(1.3);
            assertThat(s.dominant()).isEqualTo(EmotionCategory.HAPPINESS);
        }
        double last = -1;
        for (EmotionReading e : perFrame) {
            assertThat(e.span().time().start()).isGreaterThanOrEqualTo(last);
            last = e.span().time().start();
        }
    }

    @Test
    void blazeFaceWithDetectionOnEveryThirdFrameStillTracksBothFacesInEveryFrame() {
        try (MiniXceptionFaceExtractor x = new MiniXceptionFaceProvider().createExtractor(
                ExtractorOptions.builder().property("detector", "blazeface").property("detect-interval", "3").build())) {
            assertThat(x.detector().name()).isEqualTo("blazeface");
            List<EmotionReading> perFrame = new ArrayList<>();
            MiniXceptionFaceExtractor.VideoResult r = x.analyzeVideo(clip, FrameSampling.everyFrame(), 8, perFrame::add);
            assertThat(r.analyzedFrames()).isEqualTo(45);
            assertThat(perFrame).hasSize(90);
            assertThat(r.tracks()).hasSize(2);
            assertThat(r.tracks()).allSatisfy(t -> assertThat(t.dominant()).isEqualTo(EmotionCategory.HAPPINESS));
        }
    }

    @Test
    void samplingKeepsEveryNthFrameOrATargetRate() {
        assertThat(count(FrameSampling.everyNth(3))).isEqualTo(15);
        assertThat(count(FrameSampling.targetFps(10))).isBetween(14, 16);
    }

    private static int count(FrameSampling s) {
        int n = 0;
        try (VideoFrameSource src = VideoFrameSource.open(clip, s)) {
            Optional<ImageFrame> f;
            double last = -1;
            while ((f = src.next()).isPresent()) {
                assertThat(f.get().timestampSeconds()).isGreaterThan(last);
                assertThat(f.get().width()).isEqualTo(640);
                last = f.get().timestampSeconds();
                n++;
            }
        }
        return n;
    }

    @Test
    void theFaceTrackerSpiGivesTheSameTracksFrameByFrame() {
        try (FaceTracker t = extractor.openTracker(); VideoFrameSource src = VideoFrameSource.open(clip, FrameSampling.everyNth(2))) {
            Optional<ImageFrame> f;
            while ((f = src.next()).isPresent()) {
                List<EmotionReading> r = t.accept(f.get());
                assertThat(r).hasSize(2);
            }
            assertThat(t.trackSummaries()).hasSize(2);
        }
    }

    @Test
    void aCorruptFrameInTheMiddleIsSkippedAndTheRestOfTheClipIsAnalyzed() throws IOException {
        Path bad = Files.copy(clip, tmp.resolve("corrupt.avi"));
        TestVideos.corruptMiddleFrame(bad);
        List<EmotionReading> perFrame = new ArrayList<>();
        MiniXceptionFaceExtractor.VideoResult r = extractor.analyzeVideo(bad, FrameSampling.everyFrame(), 8, perFrame::add);
        assertThat(r.analyzedFrames()).isBetween(40L, 44L);
        assertThat(r.skippedFrames()).isEqualTo(45 - r.analyzedFrames());
        assertThat(perFrame.get(perFrame.size() - 1).span().time().start()).isGreaterThan(1.3);
        assertThat(r.tracks()).hasSize(2);
    }

    @Test
    void badVideosFailWithTypedErrors() throws IOException {
        Path wav = TestVideos.audioOnlyWav(tmp.resolve("speech.wav"));
        assertThatThrownBy(() -> VideoFrameSource.open(wav, FrameSampling.everyFrame()))
                .isInstanceOf(UnsupportedMediaException.class).hasMessageContaining("no video stream");
        Path empty = Files.write(tmp.resolve("empty.mp4"), new byte[0]);
        assertThatThrownBy(() -> VideoFrameSource.open(empty, FrameSampling.everyFrame()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");
        Path text = Files.writeString(tmp.resolve("notes.mp4"), "not a video at all\n".repeat(50));
        assertThatThrownBy(() -> VideoFrameSource.open(text, FrameSampling.everyFrame()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot open video");
    }
}
