package io.emospectrum.text.score;

import java.util.Arrays;

/**
 * Per-label decision thresholds (tuned on a development set) and the rescaling that makes scores
 * of rare and frequent labels comparable: each probability is mapped piecewise-linearly so that
 * its label's threshold lands on 0.5. A label "fires" when its calibrated score is at least 0.5.
 * Without tuned thresholds ({@link #none}) scores pass through unchanged.
 */
public final class ScoreCalibration {
    private final float[] thresholds;

    private ScoreCalibration(float[] thresholds) {
        this.thresholds = thresholds;
    }

    public static ScoreCalibration none() {
        return new ScoreCalibration(null);
    }

    public static ScoreCalibration of(float[] thresholds) {
        for (float t : thresholds) {
            if (!(t > 0f && t < 1f)) {
                throw new IllegalArgumentException("thresholds must be in (0, 1): " + Arrays.toString(thresholds));
            }
        }
        return new ScoreCalibration(thresholds.clone());
    }

    public boolean isIdentity() {
        return thresholds == null;
    }

    /** The threshold of label {@code i} (0.5 without tuned thresholds). */
    public float threshold(int i) {
        return thresholds == null ? 0.5f : thresholds[i];
    }

    public float[] calibrate(float[] probabilities) {
        if (thresholds == null) {
            return probabilities.clone();
        }
        if (probabilities.length != thresholds.length) {
            throw new IllegalArgumentException("expected " + thresholds.length + " scores, got " + probabilities.length);
        }
        float[] out = new float[probabilities.length];
        for (int i = 0; i < out.length; i++) {
            float p = probabilities[i];
            float t = thresholds[i];
            out[i] = p < t ? 0.5f * p / t : 0.5f + 0.5f * (p - t) / (1f - t);
        }
        return out;
    }
}
