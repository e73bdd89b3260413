package io.emospectrum.text.head;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emospectrum.error.ModelLoadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A linear softmax head straight onto the seven categories ({@value #FILE_NAME}): the pooled
 * encoder features are standardized ({@code mean}, {@code std}) and mapped by {@code weights}
 * ({@code [category][feature]}) and {@code bias} to one probability per category. Trained on
 * cached features of several corpora by {@code io.emospectrum.tools.text.LeaveOneCorpusOut}.
 *
 * @param name          model name reported with every reading
 * @param version       model version
 * @param encoder       base name of the encoder's ONNX file (from the directory's {@code encoder.recipe})
 * @param maxTokens     encoder window
 * @param overlapTokens overlap of a long text's windows
 * @param labels        category keys in output order ({@code neutral}, {@code happiness}, ...)
 * @param trainedOn     what it was trained on, for the record
 */
public record CategoryHead(String name, String version, String encoder, int maxTokens, int overlapTokens, List<String> labels,
                           float[] mean, float[] std, float[][] weights, float[] bias, String trainedOn) {
    public static final String FILE_NAME = "category-head.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public CategoryHead {
        Objects.requireNonNull(name, "name");
        labels = List.copyOf(labels);
        if (weights.length != labels.size() || bias.length != labels.size() || mean.length != std.length
                || weights[0].length != mean.length) {
            throw new IllegalArgumentException("category head shapes disagree: " + labels.size() + " labels, " + weights.length + " x "
                    + weights[0].length + " weights, " + bias.length + " biases, " + mean.length + " features");
        }
    }

    public static CategoryHead read(Path file) {
        try {
            return JSON.readValue(file.toFile(), CategoryHead.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelLoadException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    public static boolean isIn(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE_NAME));
    }

    /** Probabilities of the categories for one feature vector. */
    public float[] predict(float[] features) {
        int classes = bias.length;
        double[] logits = new double[classes];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double s = bias[c];
            float[] w = weights[c];
            for (int j = 0; j < w.length; j++) {
                s += w[j] * ((features[j] - mean[j]) / std[j]);
            }
            logits[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            logits[c] = Math.exp(logits[c] - max);
            sum += logits[c];
        }
        float[] p = new float[classes];
        for (int c = 0; c < classes; c++) {
            p[c] = (float) (logits[c] / sum);
        }
        return p;
    }
}
