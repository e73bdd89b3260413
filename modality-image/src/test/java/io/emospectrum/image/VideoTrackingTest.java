package io.emospectrum.image;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.error.UnsupportedMediaException;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.image.detect.DetectedFace;
import io.emospectrum.image.detect.FaceDetector;
import io.emospectrum.image.detect.FaceDetectorProvider;
import io.emospectrum.image.frame.FrameSampling;
import io.emospectrum.image.track.TrackingSettings;
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
        Tracked r = track(extractor, clip, 8, perFrame);
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
            Tracked r = track(x, clip, 8, perFrame);
            assertThat(r.analyzedFrames()).isEqualTo(45);
            assertThat(perFrame).hasSize(90);
            assertThat(r.tracks()).hasSize(2);
            assertThat(r.tracks()).allSatisfy(t -> assertThat(t.dominant()).isEqualTo(EmotionCategory.HAPPINESS));
        }
    }

    @Test
    void theTrackerDetectsOnOneFrameInNAcrossCallsAndKeepsTheBoxesBetween() {
        CountingDetector counting = new CountingDetector(FaceDetectorProvider.select("cascade").create(Map.of(), DeviceChoice.parse("cpu")));
        TrackingSettings d = TrackingSettings.DEFAULT;
        try (MiniXceptionFaceExtractor x = new MiniXceptionFaceExtractor(counting,
                MiniXceptionFaceProvider.loadClassifier(ExtractorOptions.defaults()),
                new TrackingSettings(d.minIou(), d.maxMissed(), d.smoothing(), d.maxShift(), 3), 1f)) {
            List<EmotionReading> perFrame = new ArrayList<>();
            // batches of 4 do not line up with the interval of 3: frames 0, 3, 6, ... are detected all the same
            Tracked r = track(x, clip, 4, perFrame);
            assertThat(counting.frames).isEqualTo(15);
            assertThat(perFrame).hasSize(90);
            assertThat(r.tracks()).hasSize(2);
            // between detections a face keeps its box; at the next detection it moves
            Map<String, List<Float>> xs = new TreeMap<>();
            perFrame.forEach(e -> xs.computeIfAbsent(e.subject(), k -> new ArrayList<>()).add(e.span().box().x()));
            for (List<Float> l : xs.values()) {
                assertThat(l.get(1)).isEqualTo(l.get(0));
                assertThat(l.get(2)).isEqualTo(l.get(0));
                assertThat(l.get(l.size() - 1)).isNotEqualTo(l.get(0));
            }
        }
    }

    @Test
    void framesOneAtATimeAndInBatchesGiveTheSameReadings() {
        List<EmotionReading> single = new ArrayList<>();
        List<EmotionReading> batched = new ArrayList<>();
        track(extractor, clip, 1, single);
        track(extractor, clip, 7, batched);
        assertThat(batched).hasSameSizeAs(single);
        for (int i = 0; i < single.size(); i++) {
            assertThat(batched.get(i).subject()).isEqualTo(single.get(i).subject());
            assertThat(batched.get(i).span()).isEqualTo(single.get(i).span());
            assertThat(batched.get(i).vector()).containsExactly(single.get(i).vector(), org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    @Test
    void framesOutOfTimeOrderAreRefused() {
        ImageFrame f = TestImages.decode(TestImages.astronaut());
        try (FaceTracker t = extractor.openTracker()) {
            assertThatThrownBy(() -> t.acceptAll(List.of(f.withTimestamp(1.0), f.withTimestamp(0.5))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("time order");
            t.accept(f.withTimestamp(1.0));
            assertThatThrownBy(() -> t.accept(f.withTimestamp(0.9))).isInstanceOf(InvalidInputException.class);
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
        Tracked r = track(extractor, bad, 8, perFrame);
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

    /** What a clip streamed through a tracker gave. */
    private record Tracked(List<EmotionReading> tracks, long analyzedFrames, long skippedFrames) {
    }

    /** Streams every frame of a clip through the extractor's tracker, {@code batch} frames a call. */
    private static Tracked track(MiniXceptionFaceExtractor x, Path video, int batch, List<EmotionReading> perFrame) {
        try (VideoFrameSource src = VideoFrameSource.open(video, FrameSampling.everyFrame()); FaceTracker t = x.openTracker()) {
            List<ImageFrame> frames = new ArrayList<>();
            long n = 0;
            Optional<ImageFrame> f;
            do {
                f = src.next();
                f.ifPresent(frames::add);
                if (frames.size() == batch || (f.isEmpty() && !frames.isEmpty())) {
                    List<List<EmotionReading>> out = t.acceptAll(frames);
                    assertThat(out).hasSameSizeAs(frames);
                    out.forEach(perFrame::addAll);
                    n += frames.size();
                    frames.clear();
                }
            } while (f.isPresent());
            return new Tracked(t.trackSummaries(), n, src.skippedFrames());
        }
    }

    /** Counts the frames the tracker sends to detection. */
    private static final class CountingDetector implements FaceDetector {
        private final FaceDetector inner;
        int frames;

        CountingDetector(FaceDetector inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public List<DetectedFace> detect(ImageFrame frame) {
            return detectAll(List.of(frame)).get(0);
        }

        @Override
        public List<List<DetectedFace>> detectAll(List<ImageFrame> batch) {
            frames += batch.size();
            return inner.detectAll(batch);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
