package io.emospectrum.image;

import io.emospectrum.image.detect.DetectedFace;

/**
 * A detected face and the expression network's raw scores for it, before any mapping or
 * smoothing: what the tracker works on.
 *
 * @param face        the detection
 * @param modelScores the network's scores, in its label order
 */
public record FaceObservation(DetectedFace face, float[] modelScores) {
    public FaceObservation {
        modelScores = modelScores.clone();
    }

    @Override
    public float[] modelScores() {
        return modelScores.clone();
    }
}
