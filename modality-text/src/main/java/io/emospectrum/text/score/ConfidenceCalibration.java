package io.emospectrum.text.score;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.emospectrum.error.ModelLoadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Temperature scaling of the category distribution ({@code calibration.json} beside a model's
 * head): each category's probability p becomes p^(1/T), renormalized, so that the dominant
 * category's probability matches how often it is right. T is fitted on held-out data by the
 * negative log-likelihood of the gold category ({@code io.emospectrum.tools.text.FitCalibration}).
 * The order of the categories, and so the dominant one, does not change.
 *
 * @param temperature T &gt; 0; 1 leaves the distribution as it is
 * @param fittedOn    what it was fitted on, for the record
 */
public record ConfidenceCalibration(double temperature, String fittedOn) {
    public static final String FILE_NAME = "calibration.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ConfidenceCalibration {
        if (!(temperature > 0 && Double.isFinite(temperature))) {
            throw new IllegalArgumentException("temperature must be positive and finite, was " + temperature);
        }
    }

    public static ConfidenceCalibration none() {
        return new ConfidenceCalibration(1.0, "none");
    }

    /** The model directory's {@value #FILE_NAME}, or {@link #none()} when it has none. */
    public static ConfidenceCalibration readOrNone(Path modelDir) {
        Path f = modelDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(f)) {
            return none();
        }
        try {
            return JSON.readValue(f.toFile(), ConfidenceCalibration.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelLoadException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    @JsonIgnore
    public boolean isIdentity() {
        return temperature == 1.0;
    }

    /** Non-negative scores (any scale) to a calibrated distribution that sums to 1 (all zeros stay zeros). */
    public float[] apply(float[] scores) {
        double max = 0;
        for (float s : scores) {
            max = Math.max(max, s);
        }
        float[] out = new float[scores.length];
        if (max <= 0) {
            return out;
        }
        double inv = 1.0 / temperature;
        double sum = 0;
        double[] p = new double[scores.length];
        for (int i = 0; i < p.length; i++) {
            // relative to the largest score: no underflow of the dominant one, whatever T is
            p[i] = scores[i] <= 0 ? 0 : Math.exp(inv * Math.log(scores[i] / max));
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) (p[i] / sum);
        }
        return out;
    }
}
