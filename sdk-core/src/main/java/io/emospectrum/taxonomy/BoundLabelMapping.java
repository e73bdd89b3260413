package io.emospectrum.taxonomy;

import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.LabelScores;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.VadAnchors;

import java.util.List;

/** A {@link LabelMapping} checked against one model's labels, in the model's output order. */
public final class BoundLabelMapping {
    private final List<String> labels;
    private final float[][] matrix;

    BoundLabelMapping(List<String> labels, float[][] matrix) {
        this.labels = labels;
        this.matrix = matrix;
    }

    public List<String> labels() {
        return labels;
    }

    /** Sums each label's score into its categories by weight; the result is not normalized. */
    public float[] categoryScores(float[] modelScores) {
        if (modelScores.length != labels.size()) {
            throw new IllegalArgumentException("expected " + labels.size() + " scores, got " + modelScores.length);
        }
        float[] out = new float[EmotionCategory.COUNT];
        for (int i = 0; i < modelScores.length; i++) {
            float s = modelScores[i];
            for (int c = 0; c < out.length; c++) {
                out[c] += s * matrix[i][c];
            }
        }
        return out;
    }

    /** The spectrum of a model output: mapped, normalized, dimensions from {@code anchors}. */
    public Spectrum toSpectrum(float[] modelScores, VadAnchors anchors) {
        return Spectrum.fromScores(categoryScores(modelScores), anchors);
    }

    /** Wraps raw model scores with this model's labels. */
    public LabelScores labelScores(float[] modelScores) {
        return LabelScores.of(labels, modelScores);
    }
}
