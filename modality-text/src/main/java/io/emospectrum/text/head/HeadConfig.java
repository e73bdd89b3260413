package io.emospectrum.text.head;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.emospectrum.error.ModelLoadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a trained head needs besides its parameters ({@code head.json} next to them): the
 * encoder it was trained on, its input features and shape, its labels and tuned thresholds.
 *
 * @param name          model name reported with every reading
 * @param version       model version
 * @param encoder       base name of the encoder's ONNX file in the encoder manifest
 * @param features      {@code "mean"} (first half of the pooled vector) or {@code "mean+cls"} (all of it)
 * @param inputDim      feature length the head reads
 * @param hidden        hidden units (0: a linear head)
 * @param dropout       dropout rate used in training
 * @param labels        label names in output order
 * @param thresholds    per-label decision thresholds tuned on the development set
 * @param maxTokens     encoder window, special tokens included
 * @param overlapTokens overlap between the windows of a long text
 * @param categoryThresholds per category (vector order), the threshold on its labels' highest
 *                      calibrated score above which the category counts as expressed (tuned on dev)
 */
public record HeadConfig(String name, String version, String encoder, String features, int inputDim, int hidden,
                         float dropout, List<String> labels, float[] thresholds, int maxTokens, int overlapTokens,
                         float[] categoryThresholds) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public HeadConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(encoder, "encoder");
        labels = List.copyOf(labels);
        if (!features.equals("mean") && !features.equals("mean+cls")) {
            throw new IllegalArgumentException("features must be 'mean' or 'mean+cls', was " + features);
        }
        if (thresholds.length != labels.size()) {
            throw new IllegalArgumentException(labels.size() + " labels but " + thresholds.length + " thresholds");
        }
        thresholds = thresholds.clone();
        if (categoryThresholds.length != io.emospectrum.spectrum.EmotionCategory.COUNT) {
            throw new IllegalArgumentException("need one category threshold per category, got " + categoryThresholds.length);
        }
        categoryThresholds = categoryThresholds.clone();
    }

    @Override
    public float[] categoryThresholds() {
        return categoryThresholds.clone();
    }

    @Override
    public float[] thresholds() {
        return thresholds.clone();
    }

    public static HeadConfig read(Path file) {
        try {
            return JSON.readValue(Files.readAllBytes(file), HeadConfig.class);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot read head config " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) throws IOException {
        Files.write(file, JSON.writeValueAsBytes(this));
    }

    /** The part of a pooled encoder vector this head reads. */
    public float[] select(float[] pooled) {
        if (pooled.length == inputDim) {
            return pooled;
        }
        if (features.equals("mean") && pooled.length == 2 * inputDim) {
            return java.util.Arrays.copyOf(pooled, inputDim);
        }
        throw new IllegalArgumentException("head reads " + inputDim + " features (" + features + "), encoder gave " + pooled.length);
    }
}
