package io.emospectrum.image.quality;

import io.emospectrum.image.detect.DetectedFace;
import io.emospectrum.spectrum.BoundingBox;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaceQualityScorerTest {
    private static DetectedFace face(float side, float noseX) {
        // eyes 40 px apart at y = 40, nose below; ears and mouth where a frontal face has them
        List<DetectedFace.Keypoint> kps = List.of(new DetectedFace.Keypoint(30, 40), new DetectedFace.Keypoint(70, 40),
                new DetectedFace.Keypoint(noseX, 60), new DetectedFace.Keypoint(50, 80), new DetectedFace.Keypoint(10, 45),
                new DetectedFace.Keypoint(90, 45));
        return new DetectedFace(new BoundingBox(0, 0, side, side), 0.9f, kps);
    }

    @Test
    void aFaceTurnedAwayGetsLessTrustThanAFrontalOne() {
        assertThat(FaceQualityScorer.pose(face(100, 50))).isEqualTo(1f);
        assertThat(FaceQualityScorer.pose(face(100, 54))).isEqualTo(1f); // 0.1 eye distances: still frontal
        float half = FaceQualityScorer.pose(face(100, 64)); // 0.35
        float profile = FaceQualityScorer.pose(face(100, 80)); // 0.75: past the floor
        assertThat(half).isStrictlyBetween(0.5f, 1f);
        assertThat(profile).isEqualTo(0.5f);
        assertThat(FaceQualityScorer.pose(face(100, 36))).isEqualTo(half); // turned the other way
        assertThat(FaceQualityScorer.pose(new DetectedFace(new BoundingBox(0, 0, 10, 10), 0.9f))).isEqualTo(1f); // no keypoints
    }

    @Test
    void smallFacesGetLessTrustDownToAFloor() {
        assertThat(FaceQualityScorer.size(new BoundingBox(0, 0, 96, 60))).isEqualTo(1f);
        assertThat(FaceQualityScorer.size(new BoundingBox(0, 0, 24, 30))).isEqualTo(0.5f);
        assertThat(FaceQualityScorer.size(new BoundingBox(0, 0, 4, 4))).isEqualTo(0.25f);
    }

    @Test
    void sharpnessFallsWhenACropIsBlurred() {
        int side = 64;
        float[] sharp = new float[side * side];
        Random r = new Random(7);
        for (int i = 0; i < sharp.length; i++) {
            sharp[i] = r.nextFloat() * 2 - 1;
        }
        float[] blurred = new float[sharp.length];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                float s = 0;
                int n = 0;
                for (int dy = -2; dy <= 2; dy++) {
                    for (int dx = -2; dx <= 2; dx++) {
                        int yy = Math.max(0, Math.min(side - 1, y + dy));
                        int xx = Math.max(0, Math.min(side - 1, x + dx));
                        s += sharp[yy * side + xx];
                        n++;
                    }
                }
                blurred[y * side + x] = s / n;
            }
        }
        double a = FaceQualityScorer.sharpness(sharp, 0, side);
        double b = FaceQualityScorer.sharpness(blurred, 0, side);
        assertThat(b).isLessThan(a / 10);
        assertThat(FaceQualityScorer.sharpness(new float[side * side], 0, side)).isZero();
        assertThat(FaceQualityScorer.sharpnessFactor(a)).isEqualTo(1f);
        assertThat(FaceQualityScorer.sharpnessFactor(0)).isEqualTo(0.25f);
    }

    @Test
    void confidenceIsTheProductOfTheFactorsAndFactorsAreChecked() {
        FaceQuality q = new FaceQuality(0.9f, 0.5f, 1f, 0.8f);
        assertThat(q.confidence()).isCloseTo(0.36f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(FaceQuality.FULL.confidence()).isEqualTo(1f);
        assertThatThrownBy(() -> new FaceQuality(1.2f, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
