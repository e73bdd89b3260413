package io.emospectrum.image;

import io.emospectrum.image.detect.DetectedFace;
import io.emospectrum.image.quality.FaceQuality;

import java.util.Objects;

/**
 * A detected face, the expression network's raw scores for it and its quality, before any mapping
 * or smoothing: what the tracker works on.
 *
 * @param face        the detection
 * @param modelScores the network's scores, in its label order
 * @param quality     how far the face can be trusted (its product is the reading's confidence)
 */
public record FaceObservation(DetectedFace face, float[] modelScores, FaceQuality quality) {
    public FaceObservation {
        Objects.requireNonNull(face, "face");
        Objects.requireNonNull(quality, "quality");
        modelScores = modelScores.clone();
    }

    @Override
    public float[] modelScores() {
        return modelScores.clone();
    }
}
