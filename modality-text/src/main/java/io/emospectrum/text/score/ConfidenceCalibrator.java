package io.emospectrum.text.score;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.Tempering;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Per-input confidence ({@value #FILE_NAME} beside a model): the probability that the dominant
 * category is right, predicted from what the reading says about itself (top probability, margin,
 * entropy, each head's own), how long the text is, surface cues of the text that the model reads
 * poorly ({@link TextCues}: negation, irony, tweet form, ...), and how familiar the text is to the model (the
 * mean cosine of its centred, projected pooled features to the nearest reference points of the
 * training data: centroids or a sample of training texts). A
 * logistic regression on standardized inputs, fitted on leave-one-corpus-out predictions so that it
 * knows what an unfamiliar domain looks like ({@code io.emospectrum.tools.text.ConfidenceCalibrators}).
 *
 * <p>The distribution is then re-tempered, per input, so that its dominant probability is that
 * confidence: the order of the categories, and so the dominant one, does not change.
 *
 * <p>{@code contextTemperature} is the temperature of a conversation turn's distribution after it is
 * blended with its context (a blend flattens the distribution), fitted on dialogue.
 *
 * @param inputs             the regression's inputs, in order
 * @param inputMean          mean of each input on the fitting data
 * @param inputScale         standard deviation of each input on the fitting data
 * @param weights            one per input, on standardized inputs
 * @param bias               intercept
 * @param featureMean        mean pooled feature vector of the training corpora (the centre for {@link #familiarity})
 * @param projection         {@code [dimension][feature]} a fixed random projection of the centred features, or empty for none
 * @param references         unit-length reference points of the training data in the (projected) space
 * @param neighbours         how many nearest references {@link #familiarity} averages
 * @param contextTemperature temperature of a blended conversation turn; 1 leaves it
 * @param fittedOn           what it was fitted on, for the record
 */
public record ConfidenceCalibrator(List<Input> inputs, double[] inputMean, double[] inputScale, double[] weights, double bias,
                                   float[] featureMean, float[][] projection, float[][] references, int neighbours,
                                   double contextTemperature, String fittedOn) {
    public static final String FILE_NAME = "confidence-calibrator.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Confidence is kept within [1/categories + this, 1 - this]: never certain, never below a uniform guess. */
    private static final double MARGIN_OF_CERTAINTY = 1e-3;

    /** What the regression reads. */
    public enum Input {
        /** log of the dominant probability */
        LOG_TOP,
        /** dominant probability minus the second */
        MARGIN,
        /** entropy of the distribution (nats) */
        ENTROPY,
        /** log(1 + word tokens) */
        LOG_TOKENS,
        /** cosine of the centred pooled features to the nearest centroid */
        FAMILIARITY,
        /** log of the label head's own dominant probability (its categories before the ensemble) */
        LABEL_HEAD_TOP,
        /** log of the category head's own dominant probability */
        CATEGORY_HEAD_TOP,
        /** 1 when the two heads' dominant categories agree, else 0 */
        AGREEMENT,
        /** 1 when the text has a negation cue ({@link TextCues.Cue#NEGATION}), else 0 */
        NEGATION,
        /** 1 when the text has a contrast cue ({@link TextCues.Cue#CONTRAST}), else 0 */
        CONTRAST,
        /** 1 when the text has an irony cue ({@link TextCues.Cue#IRONY}), else 0 */
        IRONY,
        /** 1 when the text has the form of a tweet ({@link TextCues#tweetForm()}), else 0 */
        TWEET_FORM,
        /** 1 when the text asks a question ({@link TextCues.Cue#QUESTION}), else 0 */
        QUESTION,
        /** 1 when the text is very short ({@link TextCues.Cue#SHORT}), else 0 */
        SHORT,
        /** 1 when the dominant category is neutral, else 0 (a domain may not label neutral at all) */
        DOMINANT_NEUTRAL
    }

    /** The inputs read from the text itself ({@link TextCues}). */
    public static final java.util.Set<Input> TEXT_CUES = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.of(Input.NEGATION, Input.CONTRAST, Input.IRONY, Input.TWEET_FORM, Input.QUESTION, Input.SHORT));

    public ConfidenceCalibrator {
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(featureMean, "featureMean");
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(references, "references");
        if (inputMean.length != inputs.size() || inputScale.length != inputs.size() || weights.length != inputs.size()) {
            throw new IllegalArgumentException(inputs.size() + " inputs but " + inputMean.length + " means, " + inputScale.length
                    + " scales, " + weights.length + " weights");
        }
        int space = projection.length == 0 ? featureMean.length : projection.length;
        for (float[] row : projection) {
            if (row.length != featureMean.length) {
                throw new IllegalArgumentException("a projection row has " + row.length + " features, the mean " + featureMean.length);
            }
        }
        for (float[] c : references) {
            if (c.length != space) {
                throw new IllegalArgumentException("a reference has " + c.length + " values, the space " + space);
            }
        }
        if (inputs.contains(Input.FAMILIARITY) && (references.length == 0 || neighbours < 1 || neighbours > references.length)) {
            throw new IllegalArgumentException("FAMILIARITY needs references and 1 <= neighbours <= references, had " + references.length
                    + " and " + neighbours);
        }
        if (!(contextTemperature > 0 && Double.isFinite(contextTemperature))) {
            throw new IllegalArgumentException("contextTemperature must be positive and finite, was " + contextTemperature);
        }
    }

    /** The model directory's {@value #FILE_NAME}, or null when it has none. */
    public static ConfidenceCalibrator readOrNull(Path modelDir) {
        Path f = modelDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return JSON.readValue(f.toFile(), ConfidenceCalibrator.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelLoadException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    /** Whether {@link #familiarity} is one of the inputs (the scorer then computes it per window). */
    public boolean readsFeatures() {
        return inputs.contains(Input.FAMILIARITY);
    }

    /**
     * Mean cosine of the centred (projected) pooled features to their {@code neighbours} nearest references, in [-1, 1]:
     * (projection + references) x features multiply-adds, tens of thousands, against the encoder's millions.
     */
    public float familiarity(float[] pooled) {
        if (pooled.length != featureMean.length) {
            throw new IllegalArgumentException(pooled.length + " features, the calibrator expects " + featureMean.length);
        }
        float[] centred = new float[pooled.length];
        for (int j = 0; j < centred.length; j++) {
            centred[j] = pooled[j] - featureMean[j];
        }
        float[] x = centred;
        if (projection.length > 0) {
            x = new float[projection.length];
            for (int r = 0; r < x.length; r++) {
                float[] row = projection[r];
                double dot = 0;
                for (int j = 0; j < row.length; j++) {
                    dot += row[j] * centred[j];
                }
                x[r] = (float) dot;
            }
        }
        double norm = 0;
        for (float v : x) {
            norm += (double) v * v;
        }
        if (norm <= 0 || references.length == 0) {
            return 0f;
        }
        double[] best = new double[Math.max(1, Math.min(neighbours, references.length))];
        java.util.Arrays.fill(best, -2);
        for (float[] c : references) {
            double dot = 0;
            for (int j = 0; j < x.length; j++) {
                dot += x[j] * c[j];
            }
            if (dot > best[best.length - 1]) { // keep the k largest, sorted descending (k is small)
                int at = best.length - 1;
                while (at > 0 && best[at - 1] < dot) {
                    best[at] = best[at - 1];
                    at--;
                }
                best[at] = dot;
            }
        }
        double sum = 0;
        for (double b : best) {
            sum += b;
        }
        return (float) (sum / best.length / Math.sqrt(norm));
    }

    /**
     * The probability that the distribution's dominant category is right.
     *
     * @param p           the model's distribution (the ensemble's, for a model with two heads)
     * @param labelHead   the label head's categories before the ensemble, or null for a model with one head
     * @param categoryHead the category head's distribution, or null for a model with one head
     * @param cues         the text's cues ({@link TextCues#NONE} when no input reads them, see {@link #readsText()})
     */
    public double confidence(float[] p, float[] labelHead, float[] categoryHead, int wordTokens, float familiarity, TextCues cues) {
        double z = bias;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * (input(inputs.get(i), p, labelHead, categoryHead, wordTokens, familiarity, cues) - inputMean[i]) / inputScale[i];
        }
        double c = 1 / (1 + Math.exp(-z));
        double floor = 1.0 / p.length + MARGIN_OF_CERTAINTY;
        return Math.max(floor, Math.min(1 - MARGIN_OF_CERTAINTY, c));
    }

    /** {@link #confidence(float[], float[], float[], int, float, TextCues)} of a text without cues. */
    public double confidence(float[] p, float[] labelHead, float[] categoryHead, int wordTokens, float familiarity) {
        return confidence(p, labelHead, categoryHead, wordTokens, familiarity, TextCues.NONE);
    }

    /** The distribution re-tempered so that its dominant probability is {@link #confidence}; the order is kept. */
    public float[] apply(float[] p, float[] labelHead, float[] categoryHead, int wordTokens, float familiarity, TextCues cues) {
        return Tempering.withTop(p, confidence(p, labelHead, categoryHead, wordTokens, familiarity, cues));
    }

    /** {@link #apply(float[], float[], float[], int, float, TextCues)} of a text without cues. */
    public float[] apply(float[] p, float[] labelHead, float[] categoryHead, int wordTokens, float familiarity) {
        return apply(p, labelHead, categoryHead, wordTokens, familiarity, TextCues.NONE);
    }

    /** Whether an input reads the text's {@link TextCues} (the extractor then finds them per reading). */
    public boolean readsText() {
        return inputs.stream().anyMatch(TEXT_CUES::contains);
    }

    /** Whether an input needs the two heads' own distributions. */
    public boolean readsHeads() {
        return inputs.contains(Input.LABEL_HEAD_TOP) || inputs.contains(Input.CATEGORY_HEAD_TOP) || inputs.contains(Input.AGREEMENT);
    }

    /** One input of the regression (the heads' distributions may be null when no input reads them). */
    public static double input(Input input, float[] p, float[] labelHead, float[] categoryHead, int wordTokens, float familiarity,
                               TextCues cues) {
        return switch (input) {
            case NEGATION -> cues.has(TextCues.Cue.NEGATION) ? 1 : 0;
            case CONTRAST -> cues.has(TextCues.Cue.CONTRAST) ? 1 : 0;
            case IRONY -> cues.has(TextCues.Cue.IRONY) ? 1 : 0;
            case TWEET_FORM -> cues.tweetForm() ? 1 : 0;
            case QUESTION -> cues.has(TextCues.Cue.QUESTION) ? 1 : 0;
            case SHORT -> cues.has(TextCues.Cue.SHORT) ? 1 : 0;
            case LABEL_HEAD_TOP -> Math.log(Math.max(1e-9, top(labelHead)[0]));
            case CATEGORY_HEAD_TOP -> Math.log(Math.max(1e-9, top(categoryHead)[0]));
            case AGREEMENT -> Spectrum.dominantIndex(labelHead) == Spectrum.dominantIndex(categoryHead) ? 1 : 0;
            case LOG_TOP -> Math.log(Math.max(1e-9, top(p)[0]));
            case MARGIN -> top(p)[0] - top(p)[1];
            case ENTROPY -> {
                double h = 0;
                for (float v : p) {
                    h -= v > 0 ? v * Math.log(v) : 0;
                }
                yield h;
            }
            case LOG_TOKENS -> Math.log1p(Math.max(0, wordTokens));
            case FAMILIARITY -> familiarity;
            case DOMINANT_NEUTRAL -> Spectrum.dominantIndex(p) == EmotionCategory.NEUTRAL.index() ? 1 : 0;
        };
    }

    /** The largest and second largest values. */
    private static double[] top(float[] p) {
        double a = Double.NEGATIVE_INFINITY;
        double b = Double.NEGATIVE_INFINITY;
        for (float v : p) {
            if (v > a) {
                b = a;
                a = v;
            } else if (v > b) {
                b = v;
            }
        }
        return new double[]{a, b};
    }
}
