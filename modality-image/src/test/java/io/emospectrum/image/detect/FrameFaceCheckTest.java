package io.emospectrum.image.detect;

import io.emospectrum.device.DeviceChoice;
import io.emospectrum.image.TestImages;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.spectrum.BoundingBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameFaceCheckTest {
    private static FrameFaceCheck check;
    private static ImageFrame astronaut;
    private static BoundingBox face;

    @BeforeAll
    static void load() {
        check = new FrameFaceCheck(BlazeFaceDetectorProvider.FRAME_CHECK_PADS, BlazeFaceDetectorProvider.FRAME_CHECK_MIN_VOTES, true, 4096);
        astronaut = TestImages.decode(TestImages.astronaut());
        try (FaceDetector d = FaceDetectorProvider.select("blazeface").create(Map.of("pad", "0"), DeviceChoice.CPU)) {
            face = d.detect(astronaut).get(0).box();
        }
    }

    @AfterAll
    static void close() {
        check.close();
    }

    @Test
    void aFaceThatFillsTheFrameIsFoundOverMostOfIt() {
        ImageFrame crop = TestImages.crop(astronaut, face);
        List<DetectedFace> found = check.detect(crop);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).box().iou(new BoundingBox(0, 0, crop.width(), crop.height()))).isGreaterThan(0.4f);
        assertThat(found.get(0).score()).isBetween(0.33f, 1f); // at least 3 votes of 9
    }

    @Test
    void onlyAFaceThatFillsTheFrameCountsNotAFaceInAScene() {
        // the whole photo: the face is a fifth of its side, too small at 48 px to be the frame
        assertThat(check.detect(astronaut)).isEmpty();
        assertThat(check.detect(TestImages.decode(TestImages.coffee()))).isEmpty();
        assertThat(check.detect(TestImages.gradient(64, 64))).isEmpty();
    }

    @Test
    void theFallbackLooksOnlyAtFramesWhereTheFirstDetectorFoundNothing() {
        ImageFrame crop = TestImages.crop(astronaut, face);
        ImageFrame plain = TestImages.gradient(48, 48);
        List<ImageFrame> seen = new ArrayList<>();
        FaceDetector first = new Fixed(f -> f == plain ? List.of(new DetectedFace(new BoundingBox(1, 1, 10, 10), 0.9f)) : List.of(), null);
        try (FaceDetector chain = new FallbackDetector(first, new Fixed(f -> check.detect(f), seen))) {
            List<List<DetectedFace>> out = chain.detectAll(List.of(plain, crop));
            assertThat(out.get(0)).hasSize(1).allMatch(d -> d.score() == 0.9f);
            assertThat(out.get(1)).hasSize(1);
            assertThat(seen).containsExactly(crop);
        }
    }

    @Test
    void eachPaddedLookSeesOnlyTheFramesThatTheLooksBeforeLeftEmpty() {
        ImageFrame a = TestImages.gradient(40, 40);
        ImageFrame b = TestImages.gradient(50, 50);
        List<Integer> sides = new ArrayList<>();
        // the second detector finds a face in the canvas twice the side of frame a, and nothing else
        FaceDetector second = new Fixed(f -> f.width() == 80 ? List.of(new DetectedFace(new BoundingBox(20, 20, 40, 40), 0.7f)) : List.of(),
                null) {
            @Override
            public List<DetectedFace> detect(ImageFrame f) {
                sides.add(f.width());
                return super.detect(f);
            }
        };
        try (FaceDetector retry = new PaddedRetryDetector(new Fixed(f -> List.of(), null), second, 2f, 1.5f)) {
            List<List<DetectedFace>> out = retry.detectAll(List.of(a, b));
            assertThat(out.get(0)).hasSize(1);
            assertThat(out.get(0).get(0).box().x()).isEqualTo(0f); // mapped back to the frame
            assertThat(out.get(1)).isEmpty();
            // as they are (40, 50), padded x2 (80, 100), padded x1.5 only for b (75)
            assertThat(sides).containsExactly(40, 50, 80, 100, 75);
        }
    }

    @Test
    void theExtraLooksAreForCropsOnly() {
        ImageFrame crop = TestImages.crop(astronaut, face);
        try (FrameFaceCheck small = new FrameFaceCheck(BlazeFaceDetectorProvider.FRAME_CHECK_PADS, 3, true, crop.width() - 1)) {
            assertThat(small.detect(crop)).isEmpty();
        }
        ImageFrame a = TestImages.gradient(40, 40);
        ImageFrame big = TestImages.gradient(100, 50);
        List<Integer> sides = new ArrayList<>();
        FaceDetector second = new Fixed(f -> List.of(), null) {
            @Override
            public List<DetectedFace> detect(ImageFrame f) {
                sides.add(f.width());
                return super.detect(f);
            }
        };
        try (FaceDetector retry = new PaddedRetryDetector(new Fixed(f -> List.of(), null), second, true, 64, 2f, 1.5f)) {
            retry.detectAll(List.of(a, big));
            // as they are (40, 100, then a's mirror 40), padded x2 (80, 200, mirror 80), x1.5 only for the crop (60, 60)
            assertThat(sides).containsExactly(40, 100, 40, 80, 200, 80, 60, 60);
        }
    }

    @Test
    void badSettingsAreRefusedAndAClosedCheckRefusesFrames() {
        assertThatThrownBy(() -> new FrameFaceCheck(new float[0], 3, false, 512)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FrameFaceCheck(new float[] {5f}, 3, false, 512)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaceDetectorProvider.select("blazeface").create(Map.of("frame-check", "maybe"), DeviceChoice.CPU))
                .isInstanceOf(io.emospectrum.error.ConfigurationException.class).hasMessageContaining("frame-check");
        FrameFaceCheck closed = new FrameFaceCheck(new float[] {2f}, 3, false, 512);
        closed.close();
        assertThatThrownBy(() -> closed.detect(astronaut)).isInstanceOf(IllegalStateException.class);
    }

    /** A detector that answers from a function and can record what it was shown. */
    private static class Fixed implements FaceDetector {
        private final java.util.function.Function<ImageFrame, List<DetectedFace>> answer;
        private final List<ImageFrame> seen;

        Fixed(java.util.function.Function<ImageFrame, List<DetectedFace>> answer, List<ImageFrame> seen) {
            this.answer = answer;
            this.seen = seen;
        }

        @Override
        public String name() {
            return "fixed";
        }

        @Override
        public List<DetectedFace> detect(ImageFrame frame) {
            if (seen != null) {
                seen.add(frame);
            }
            return answer.apply(frame);
        }

        @Override
        public void close() {
        }
    }
}
