package io.emospectrum.fusion.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.fusion.learn.LogisticRegression;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.VadPoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Learned pooling: multinomial logistic regression over the concatenated modality spectra. Each
 * modality contributes {@code w_m * log(max(p_m(c), floor))} for the seven categories plus
 * {@code w_m} itself (its presence), where {@code w_m} is the input's weight clipped to [0, 1]
 * (0 for a missing modality). On log-probabilities the model generalizes the log-linear pool: it
 * learns one exponent per modality and category, and a bias per category. Valence and arousal
 * are the weighted mean of the inputs', as in the other pools. Train it with
 * {@link io.emospectrum.fusion.learn.LogisticRegression} on labeled multimodal examples.
 */
public final class LearnedPooling implements PoolingStrategy {
    public static final String NAME = "learned";
    /** The modalities in feature order. */
    public static final List<Modality> MODALITIES = List.of(Modality.FACE, Modality.VOICE, Modality.TEXT);
    /** Features per modality: seven log-probabilities and a presence weight. */
    public static final int PER_MODALITY = EmotionCategory.COUNT + 1;
    public static final int FEATURES = PER_MODALITY * 3;
    static final double FLOOR = 1e-4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final double[][] weights; // [category][feature]
    private final double[] bias;
    private final ModelId model;

    public LearnedPooling(double[][] weights, double[] bias, String version) {
        if (weights.length != EmotionCategory.COUNT || bias.length != EmotionCategory.COUNT) {
            throw new IllegalArgumentException("a learned pool needs " + EmotionCategory.COUNT + " rows of weights and biases");
        }
        this.weights = new double[weights.length][];
        for (int c = 0; c < weights.length; c++) {
            if (weights[c].length != FEATURES) {
                throw new IllegalArgumentException("row " + c + " has " + weights[c].length + " weights, expected " + FEATURES);
            }
            this.weights[c] = weights[c].clone();
        }
        this.bias = bias.clone();
        this.model = new ModelId("fusion-" + NAME, Objects.requireNonNull(version, "version"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ModelId model() {
        return model;
    }

    /** The feature vector of a set of inputs (several inputs of one modality: their weighted mean). */
    public static double[] features(List<PoolInput> inputs) {
        double[] x = new double[FEATURES];
        double[] mass = new double[MODALITIES.size()];
        for (PoolInput in : inputs) {
            int m = MODALITIES.indexOf(in.modality());
            if (m < 0) {
                throw new IllegalArgumentException("learned pooling takes face, voice and text, not " + in.modality());
            }
            double w = Math.min(1, in.weight());
            float[] p = in.spectrum().probabilities();
            for (int c = 0; c < EmotionCategory.COUNT; c++) {
                x[m * PER_MODALITY + c] += w * Math.log(Math.max(p[c], FLOOR));
            }
            x[m * PER_MODALITY + EmotionCategory.COUNT] += w;
            mass[m] += 1;
        }
        for (int m = 0; m < mass.length; m++) {
            if (mass[m] > 1) {
                for (int f = 0; f < PER_MODALITY; f++) {
                    x[m * PER_MODALITY + f] /= mass[m];
                }
            }
        }
        return x;
    }

    /** Class probabilities for a feature vector. */
    public double[] predict(double[] x) {
        double[] p = new double[EmotionCategory.COUNT];
        LogisticRegression.softmax(weights, bias, x, p);
        return p;
    }

    @Override
    public Spectrum pool(List<PoolInput> inputs) {
        double[] w = Weights.normalized(inputs);
        double[] p = predict(features(inputs));
        VadPoint vad = Weights.dimensions(inputs, w);
        return Spectrum.of(WeightedLinearPooling.toFloats(p), vad.valence(), vad.arousal());
    }

    /** Writes the model as JSON ({@code weights}: 7 rows of {@value #FEATURES}, {@code bias}, provenance). */
    public void write(Path file, String provenance) {
        ObjectNode root = JSON.createObjectNode();
        root.put("strategy", NAME);
        root.put("version", model.version());
        root.put("features", "per modality (face, voice, text): w*log(max(p_c, 1e-4)) for the 7 categories, then w");
        root.put("provenance", provenance);
        ArrayNode rows = root.putArray("weights");
        for (double[] row : weights) {
            ArrayNode r = rows.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
        ArrayNode b = root.putArray("bias");
        for (double v : bias) {
            b.add(v);
        }
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new io.emospectrum.error.EmoSpectrumException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a model written by {@link #write}. */
    public static LearnedPooling read(Path file) {
        JsonNode root;
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new ModelLoadException("learned fusion model " + file
                    + (java.nio.file.Files.exists(file) ? " is not a regular file" : " does not exist"));
        }
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelLoadException("cannot read learned fusion model " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !NAME.equals(root.path("strategy").asText()) || !root.path("weights").isArray()) {
            throw new ModelLoadException(file + " is not a learned fusion model (expected \"strategy\": \"" + NAME + "\")");
        }
        try {
            double[][] w = new double[EmotionCategory.COUNT][];
            JsonNode rows = root.get("weights");
            if (rows.size() != EmotionCategory.COUNT) {
                throw new IllegalArgumentException(rows.size() + " weight rows");
            }
            for (int c = 0; c < w.length; c++) {
                w[c] = new double[rows.get(c).size()];
                for (int f = 0; f < w[c].length; f++) {
                    w[c][f] = rows.get(c).get(f).asDouble();
                }
            }
            double[] b = new double[EmotionCategory.COUNT];
            for (int c = 0; c < b.length; c++) {
                b[c] = root.path("bias").path(c).asDouble();
            }
            return new LearnedPooling(w, b, root.path("version").asText("1"));
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException("learned fusion model " + file + " is malformed: " + e.getMessage(), e);
        }
    }
}
