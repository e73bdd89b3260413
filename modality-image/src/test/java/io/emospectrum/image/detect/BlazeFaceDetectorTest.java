package io.emospectrum.image.detect;

import io.emospectrum.device.DeviceChoice;
import io.emospectrum.image.TestImages;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.spectrum.BoundingBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BlazeFaceDetectorTest {
    private static FaceDetector detector;

    @BeforeAll
    static void load() {
        detector = FaceDetectorProvider.select("blazeface").create(Map.of(), DeviceChoice.CPU);
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    @Test
    void findsAstronautsFaceWithEyesLevelAboveTheMouth() {
        List<DetectedFace> faces = detector.detect(TestImages.decode(TestImages.astronaut()));
        assertThat(faces).hasSize(1);
        DetectedFace f = faces.get(0);
        BoundingBox b = f.box();
        assertThat(b.x() + b.width() / 2).isBetween(160f, 260f);
        assertThat(b.y() + b.height() / 2).isBetween(60f, 170f);
        assertThat(f.score()).isGreaterThan(0.8f);
        assertThat(f.keypoints()).hasSize(6);
        DetectedFace.Keypoint rightEye = f.keypoints().get(0);
        DetectedFace.Keypoint leftEye = f.keypoints().get(1);
        DetectedFace.Keypoint mouth = f.keypoints().get(3);
        assertThat(rightEye.x()).isLessThan(leftEye.x()); // the subject's right eye is on the image's left
        assertThat(mouth.y()).isGreaterThan(Math.max(rightEye.y(), leftEye.y()));
        assertThat(Math.abs(f.eyeRoll().orElseThrow())).isLessThan(0.35); // she holds her head nearly level
    }

    @Test
    void onTheCpuItRunsOnOnnxRuntimeAndFindsWhatThePyTorchImportFinds() {
        assertThat(((BlazeFaceDetector) ((PaddedRetryDetector) ((FallbackDetector) detector).first()).inner()).engine()).isEqualTo("OnnxRuntime");
        ImageFrame astro = TestImages.decode(TestImages.astronaut());
        DetectedFace onnx = detector.detect(astro).get(0);
        try (FaceDetector torch = FaceDetectorProvider.select("blazeface").create(Map.of("engine", "pytorch", "pad", "0"), DeviceChoice.CPU)) {
            assertThat(((BlazeFaceDetector) torch).engine()).isEqualTo("PyTorch");
            DetectedFace t = torch.detect(astro).get(0);
            assertThat(onnx.score()).isCloseTo(t.score(), org.assertj.core.data.Offset.offset(1e-3f));
            assertThat(onnx.box().x()).isCloseTo(t.box().x(), org.assertj.core.data.Offset.offset(0.05f));
            assertThat(onnx.box().width()).isCloseTo(t.box().width(), org.assertj.core.data.Offset.offset(0.05f));
        }
    }

    @Test
    void noFaceInAFaceFreeImage() {
        assertThat(detector.detect(TestImages.decode(TestImages.coffee()))).isEmpty();
        assertThat(detector.detect(TestImages.gradient(640, 480))).isEmpty();
    }

    @Test
    void batchedFramesGiveTheSameFacesAsOneAtATime() {
        ImageFrame astro = TestImages.decode(TestImages.astronaut());
        ImageFrame coffee = TestImages.decode(TestImages.coffee());
        List<List<DetectedFace>> batch = detector.detectAll(List.of(astro, coffee, astro));
        assertThat(batch.get(0)).hasSize(1);
        assertThat(batch.get(1)).isEmpty();
        assertThat(batch.get(2).get(0).box().iou(detector.detect(astro).get(0).box())).isGreaterThan(0.99f);
    }

    @Test
    void findsSeveralFacesInOneFrame() {
        ImageFrame astro = TestImages.decode(TestImages.astronaut());
        // A 2x2 grid of the photo: four faces, each a quarter of the frame's width.
        ImageFrame row = TestImages.tiled(astro, 2);
        byte[] two = new byte[row.width() * row.height() * 3 * 2];
        byte[] r = row.copyPixels();
        System.arraycopy(r, 0, two, 0, r.length);
        System.arraycopy(r, 0, two, r.length, r.length);
        ImageFrame grid = ImageFrame.of(row.width(), row.height() * 2, row.format(), two);
        List<DetectedFace> faces = detector.detect(grid);
        assertThat(faces).hasSize(4);
        float[] xs = new float[4];
        for (int i = 0; i < 4; i++) {
            xs[i] = faces.get(i).box().x();
        }
        Arrays.sort(xs);
        assertThat(xs[2] - xs[0]).isCloseTo(512f, org.assertj.core.data.Offset.offset(25f));
    }

    @Test
    void aTightCropOfAFaceIsFoundByTheSecondLookOnAPaddedFrame() {
        ImageFrame astro = TestImages.decode(TestImages.astronaut());
        BoundingBox b = detector.detect(astro).get(0).box();
        // the inner 80% of the detector's box: brows to lips, as tight as FER2013's crops
        float m = 0.1f;
        ImageFrame crop = TestImages.crop(astro, new BoundingBox(b.x() + m * b.width(), b.y() + m * b.height(),
                (1 - 2 * m) * b.width(), (1 - 2 * m) * b.height()));
        BoundingBox whole = new BoundingBox(0, 0, crop.width(), crop.height());
        // the retry detector owns (and closes) both looks
        try (FaceDetector padded = new PaddedRetryDetector(new NoFace(),
                FaceDetectorProvider.select("blazeface").create(Map.of("model", "front", "pad", "0"), DeviceChoice.CPU), 2f)) {
            List<DetectedFace> faces = padded.detect(crop);
            assertThat(faces).hasSize(1);
            assertThat(faces.get(0).box().iou(whole)).isGreaterThan(0.4f);
            assertThat(faces.get(0).keypoints()).hasSize(6);
            DetectedFace.Keypoint rightEye = faces.get(0).keypoints().get(0);
            assertThat(rightEye.x()).isBetween(0f, crop.width() / 2f);
            assertThat(rightEye.y()).isBetween(0f, crop.height() / 2f);
        }
        // and the default detector (scene model, then the second look) finds it too
        assertThat(detector.detect(crop)).hasSize(1);
    }

    @Test
    void aFaceFoundInTheMirrorImageIsMappedBackWithItsEyesInOrder() {
        ImageFrame astro = TestImages.decode(TestImages.astronaut());
        DetectedFace direct = detector.detect(astro).get(0);
        DetectedFace back = PaddedRetryDetector.unmirrored(detector.detect(PaddedRetryDetector.mirrored(astro)), astro.width()).get(0);
        assertThat(back.box().iou(direct.box())).isGreaterThan(0.8f);
        // the subject's right eye is on the image's left again, near where the direct look puts it
        assertThat(back.keypoints().get(0).x()).isLessThan(back.keypoints().get(1).x());
        assertThat(Math.abs(back.keypoints().get(0).x() - direct.keypoints().get(0).x())).isLessThan(8f);
        assertThat(Math.abs(back.keypoints().get(4).x() - direct.keypoints().get(4).x())).isLessThan(12f);
    }

    /** A first look that never finds anything: every frame gets the second look. */
    private static final class NoFace implements FaceDetector {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public List<DetectedFace> detect(ImageFrame frame) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void paddingRepeatsTheEdgesAroundTheFrameInTheMiddle() {
        byte[] px = {10, 20, 30, 40}; // 2x2 gray
        ImageFrame f = ImageFrame.of(2, 2, io.emospectrum.media.PixelFormat.GRAY8, px);
        ImageFrame p = PaddedRetryDetector.padded(f, 2f);
        assertThat(p.width()).isEqualTo(4);
        byte[] out = p.copyPixels();
        assertThat(out).containsExactly(10, 10, 20, 20, 10, 10, 20, 20, 30, 30, 40, 40, 30, 30, 40, 40);
    }

    @Test
    void badOptionsAreConfigurationErrors() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FaceDetectorProvider.select("blazeface")
                .create(Map.of("pad", "0.5"), DeviceChoice.CPU)).isInstanceOf(io.emospectrum.error.ConfigurationException.class)
                .hasMessageContaining("pad");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FaceDetectorProvider.select("blazeface")
                .create(Map.of("pad-min-score", "x"), DeviceChoice.CPU)).isInstanceOf(io.emospectrum.error.ConfigurationException.class);
    }

    @Test
    void tilesFindSmallFacesInA720pFrameThatTheWholeFrameMisses() {
        ImageFrame astro = TestImages.decode(TestImages.astronaut());
        BoundingBox face = detector.detect(astro).get(0).box();
        // the photo at half size: its face ~50 px, pasted at six places of a 1280x720 frame
        ImageFrame small = TestImages.downscale(astro, 2);
        List<ImageFrame> frames = new java.util.ArrayList<>();
        List<BoundingBox> truth = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int x = 40 + i * 180;
            int y = i % 2 == 0 ? 30 : 420;
            frames.add(TestImages.pasted(small, 1280, 720, x, y));
            truth.add(new BoundingBox(x + face.x() / 2, y + face.y() / 2, face.width() / 2, face.height() / 2));
        }
        try (FaceDetector tiled = FaceDetectorProvider.select("blazeface").create(Map.of("tiles", "3"), DeviceChoice.CPU)) {
            List<List<DetectedFace>> whole = detector.detectAll(frames);
            List<List<DetectedFace>> byTiles = tiled.detectAll(frames);
            int wholeFound = 0;
            for (int i = 0; i < frames.size(); i++) {
                BoundingBox t = truth.get(i);
                wholeFound += whole.get(i).stream().anyMatch(d -> d.box().iou(t) > 0.3f) ? 1 : 0;
                // one face, one box, in the right place (tiles that share the face are merged)
                assertThat(byTiles.get(i)).hasSize(1);
                assertThat(byTiles.get(i).get(0).box().iou(t)).isGreaterThan(0.3f);
            }
            assertThat(wholeFound).isLessThan(frames.size());
            // a small frame is not cut: the same face as without tiles
            assertThat(tiled.detect(astro)).hasSize(1);
        }
    }
}
