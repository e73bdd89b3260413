package io.emospectrum.audio.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.Tempering;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Per-window confidence of a voice ensemble ({@value #FILE_NAME} in its directory): the probability
 * that the window's dominant category is right, predicted from what the window's reading says about
 * itself (the ensemble's top probability, each member's own, whether the members back the ensemble's
 * choice). A logistic regression on standardized inputs, fitted on held-out speakers by
 * {@code emospectrum-tools train voice-calibrator}. The window's distribution is then re-tempered so
 * that its dominant probability is that confidence: the dominant category never changes, only how
 * sure the reading is. One temperature for all inputs cannot be right on every corpus (the ensemble
 * was under-confident where it is good, over-confident where it is weak); this one reads each window.
 *
 * <p>Inputs, by name: {@code LOG_TOP} (log of the ensemble's dominant probability), {@code MARGIN}
 * (dominant minus second), {@code ENTROPY} (nats), {@code AGREEMENT} (1 when every member's dominant
 * category is the ensemble's, else 0), {@code MEMBER_LOG_TOP:NAME} (log of member NAME's own dominant
 * probability) and {@code MEMBER_LOG_AT_TOP:NAME} (log of member NAME's probability of the ensemble's
 * dominant category).
 *
 * @param inputs     the regression's inputs, in order
 * @param inputMean  mean of each input on the fitting data
 * @param inputScale standard deviation of each input on the fitting data
 * @param weights    one per input, on standardized inputs
 * @param bias       intercept
 * @param fittedOn   what it was fitted on, for the record
 */
public record VoiceConfidenceCalibrator(List<String> inputs, double[] inputMean, double[] inputScale, double[] weights, double bias,
                                        String fittedOn) {
    public static final String FILE_NAME = "confidence-calibrator.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Confidence is kept within [1/categories + this, 1 - this]: never certain, never below a uniform guess. */
    private static final double MARGIN_OF_CERTAINTY = 1e-3;

    /** What an input reads. */
    public enum Kind { LOG_TOP, MARGIN, ENTROPY, AGREEMENT, MEMBER_LOG_TOP, MEMBER_LOG_AT_TOP }

    public VoiceConfidenceCalibrator {
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(inputMean, "inputMean");
        Objects.requireNonNull(inputScale, "inputScale");
        Objects.requireNonNull(weights, "weights");
        if (inputMean.length != inputs.size() || inputScale.length != inputs.size() || weights.length != inputs.size()) {
            throw new IllegalArgumentException(inputs.size() + " inputs but " + inputMean.length + " means, " + inputScale.length
                    + " scales, " + weights.length + " weights");
        }
        for (int i = 0; i < inputs.size(); i++) {
            kind(inputs.get(i));
            if (!(inputScale[i] > 0) || !Double.isFinite(inputScale[i]) || !Double.isFinite(inputMean[i]) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("input " + inputs.get(i) + ": mean, weight must be finite and scale positive");
            }
        }
        if (!Double.isFinite(bias)) {
            throw new IllegalArgumentException("bias must be finite, was " + bias);
        }
    }

    /** The kind of an input name ({@code KIND} or {@code KIND:MEMBER}); an unknown one is an {@link IllegalArgumentException}. */
    public static Kind kind(String input) {
        int colon = input.indexOf(':');
        Kind k;
        try {
            k = Kind.valueOf(colon < 0 ? input : input.substring(0, colon));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown calibrator input " + input);
        }
        boolean perMember = k == Kind.MEMBER_LOG_TOP || k == Kind.MEMBER_LOG_AT_TOP;
        if (perMember != (colon > 0 && colon < input.length() - 1)) {
            throw new IllegalArgumentException("calibrator input " + input + (perMember ? " needs a member: " + k + ":NAME" : " takes no member"));
        }
        return k;
    }

    /** The member an input reads, or null. */
    private static String member(String input) {
        int colon = input.indexOf(':');
        return colon < 0 ? null : input.substring(colon + 1);
    }

    /** The directory's {@value #FILE_NAME}, or null when it has none; an unreadable or invalid file is a {@link ModelLoadException}. */
    public static VoiceConfidenceCalibrator readOrNull(Path modelDir, List<String> members) {
        Path f = modelDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        VoiceConfidenceCalibrator c;
        try {
            c = JSON.readValue(f.toFile(), VoiceConfidenceCalibrator.class);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot read voice confidence calibrator " + f + ": " + e.getMessage(), e);
        }
        for (String in : c.inputs()) {
            String m = member(in);
            if (m != null && !members.contains(m)) {
                throw new ModelLoadException(f + ": input " + in + " names a member the ensemble does not have " + members);
            }
        }
        return c;
    }

    public void write(Path file) throws IOException {
        Files.write(file, JSON.writeValueAsBytes(this));
    }

    /**
     * The probability that the window's dominant category is right.
     *
     * @param p       the ensemble's distribution (one label per category)
     * @param members each member's distribution in the ensemble's labels, in {@code names}' order
     * @param names   the members' names
     */
    public double confidence(float[] p, float[][] members, List<String> names) {
        double z = bias;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * (input(inputs.get(i), p, members, names) - inputMean[i]) / inputScale[i];
        }
        double c = 1 / (1 + Math.exp(-z));
        double floor = 1.0 / p.length + MARGIN_OF_CERTAINTY;
        return Math.max(floor, Math.min(1 - MARGIN_OF_CERTAINTY, c));
    }

    /** The distribution re-tempered so that its dominant probability is {@link #confidence}; the order is kept. */
    public float[] apply(float[] p, float[][] members, List<String> names) {
        return Tempering.withTop(p, confidence(p, members, names));
    }

    /** One input's value. */
    public static double input(String input, float[] p, float[][] members, List<String> names) {
        Kind k = kind(input);
        int top = Spectrum.dominantIndex(p);
        return switch (k) {
            case LOG_TOP -> Math.log(Math.max(1e-9, p[top]));
            case MARGIN -> p[top] - second(p, top);
            case ENTROPY -> {
                double h = 0;
                for (float v : p) {
                    h -= v > 0 ? v * Math.log(v) : 0;
                }
                yield h;
            }
            case AGREEMENT -> {
                for (float[] m : members) {
                    if (Spectrum.dominantIndex(m) != top) {
                        yield 0;
                    }
                }
                yield 1;
            }
            case MEMBER_LOG_TOP -> Math.log(Math.max(1e-9, members[memberIndex(input, names)][Spectrum.dominantIndex(members[memberIndex(input, names)])]));
            case MEMBER_LOG_AT_TOP -> Math.log(Math.max(1e-9, members[memberIndex(input, names)][top]));
        };
    }

    private static int memberIndex(String input, List<String> names) {
        int i = names.indexOf(member(input));
        if (i < 0) {
            throw new IllegalArgumentException("input " + input + " names none of the members " + names);
        }
        return i;
    }

    private static double second(float[] p, int top) {
        double b = 0;
        for (int c = 0; c < p.length; c++) {
            if (c != top) {
                b = Math.max(b, p[c]);
            }
        }
        return b;
    }
}
