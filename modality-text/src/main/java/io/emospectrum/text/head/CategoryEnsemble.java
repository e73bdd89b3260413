package io.emospectrum.text.head;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.emospectrum.error.ModelLoadException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How a model with two heads on the same encoder features combines them ({@value #FILE_NAME}):
 * the label head's calibrated category distribution {@code g} (GoEmotions' 28 labels mapped onto the
 * seven categories) and a {@link CategoryHead}'s distribution {@code h} (trained on several corpora)
 * are combined log-linearly, {@code h^(1-w) * g^w} renormalized, then raised to {@code 1/temperature}
 * and renormalized (temperature scaling of the result). Fitted by
 * {@code io.emospectrum.tools.text.MultiCorpusRecipes}.
 *
 * @param labelHeadWeight w in [0, 1]: the label head's share
 * @param temperature     T &gt; 0 of the combined distribution
 * @param fittedOn        what w and T were chosen and fitted on, for the record
 */
public record CategoryEnsemble(double labelHeadWeight, double temperature, String fittedOn) {
    public static final String FILE_NAME = "ensemble.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public CategoryEnsemble {
        if (!(labelHeadWeight >= 0 && labelHeadWeight <= 1)) {
            throw new IllegalArgumentException("labelHeadWeight must be in [0, 1], was " + labelHeadWeight);
        }
        if (!(temperature > 0 && Double.isFinite(temperature))) {
            throw new IllegalArgumentException("temperature must be positive and finite, was " + temperature);
        }
    }

    public static CategoryEnsemble read(Path file) {
        try {
            return JSON.readValue(file.toFile(), CategoryEnsemble.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelLoadException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    /** The calibrated combination of the category head's {@code h} and the label head's {@code g} (both distributions). */
    public float[] combine(float[] h, float[] g) {
        double[] v = new double[h.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < v.length; c++) {
            v[c] = ((1 - labelHeadWeight) * Math.log(Math.max(1e-9, h[c])) + labelHeadWeight * Math.log(Math.max(1e-9, g[c]))) / temperature;
            max = Math.max(max, v[c]);
        }
        double sum = 0;
        for (int c = 0; c < v.length; c++) {
            v[c] = Math.exp(v[c] - max);
            sum += v[c];
        }
        float[] out = new float[v.length];
        for (int c = 0; c < v.length; c++) {
            out[c] = (float) (v[c] / sum);
        }
        return out;
    }
}
