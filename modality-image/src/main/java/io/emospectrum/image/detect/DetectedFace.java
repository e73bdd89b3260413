package io.emospectrum.image.detect;

import io.emospectrum.spectrum.BoundingBox;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A face found in a frame.
 *
 * @param box       in pixels of the frame
 * @param score     the detector's confidence in [0, 1]
 * @param keypoints landmarks in pixels when the detector gives them (BlazeFace: right eye, left eye,
 *                  nose, mouth, right ear, left ear, from the subject's point of view); else empty
 */
public record DetectedFace(BoundingBox box, float score, List<Keypoint> keypoints) {
    public DetectedFace {
        Objects.requireNonNull(box, "box");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], was " + score);
        }
        keypoints = List.copyOf(keypoints);
    }

    public DetectedFace(BoundingBox box, float score) {
        this(box, score, List.of());
    }

    /** A landmark in frame pixels. */
    public record Keypoint(float x, float y) {
    }

    /** The roll angle (radians) of the line through the eyes, when the detector gives eyes. */
    public Optional<Double> eyeRoll() {
        if (keypoints.size() < 2) {
            return Optional.empty();
        }
        Keypoint right = keypoints.get(0);
        Keypoint left = keypoints.get(1);
        return Optional.of(Math.atan2(left.y() - right.y(), left.x() - right.x()));
    }
}
