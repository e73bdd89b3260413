package io.emospectrum.text.head;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emospectrum.error.ModelLoadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A linear regression head that predicts valence and arousal ({@value #FILE_NAME} beside a
 * model's head) from the encoder's pooled features: standardized by {@code mean} and {@code std},
 * then one weight vector and intercept per dimension, the result clipped to [-1, 1]. Trained on
 * EmoBank by {@code io.emospectrum.tools.text.ValenceArousalRidge}. A model that ships one reports
 * its own valence and arousal; a model without keeps the anchors of its categories.
 *
 * @param mean             feature means of the training set
 * @param std              feature standard deviations of the training set
 * @param valence          valence weights, one per feature
 * @param valenceIntercept valence of a text with mean features
 * @param arousal          arousal weights, one per feature
 * @param arousalIntercept arousal of a text with mean features
 * @param trainedOn        what it was trained on, for the record
 */
public record ValenceArousalHead(float[] mean, float[] std, float[] valence, float valenceIntercept, float[] arousal,
                                 float arousalIntercept, String trainedOn) {
    public static final String FILE_NAME = "valence-arousal.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public ValenceArousalHead {
        Objects.requireNonNull(trainedOn, "trainedOn");
        if (mean.length != std.length || valence.length != mean.length || arousal.length != mean.length) {
            throw new IllegalArgumentException("valence/arousal head shapes disagree: " + mean.length + " means, " + std.length + " stds, "
                    + valence.length + " valence and " + arousal.length + " arousal weights");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("feature standard deviations must be positive");
            }
        }
    }

    /** The model directory's {@value #FILE_NAME}, or null when the model has none (its dimensions come from anchors). */
    public static ValenceArousalHead readOrNull(Path modelDir) {
        Path f = modelDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return JSON.readValue(f.toFile(), ValenceArousalHead.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelLoadException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    /** {@code [valence, arousal]} of one pooled feature vector, each in [-1, 1]. */
    public float[] predict(float[] features) {
        if (features.length != mean.length) {
            throw new IllegalArgumentException("expected " + mean.length + " features, got " + features.length);
        }
        double v = valenceIntercept;
        double a = arousalIntercept;
        for (int j = 0; j < features.length; j++) {
            double z = (features[j] - mean[j]) / std[j];
            v += valence[j] * z;
            a += arousal[j] * z;
        }
        return new float[]{clip(v), clip(a)};
    }

    /** {@code [window][valence, arousal]} of a batch of pooled features, or null when {@code head} is null. */
    static float[][] predictAll(ValenceArousalHead head, float[][] pooled) {
        if (head == null) {
            return null;
        }
        float[][] out = new float[pooled.length][];
        for (int i = 0; i < pooled.length; i++) {
            out[i] = head.predict(pooled[i]);
        }
        return out;
    }

    private static float clip(double x) {
        return (float) Math.max(-1, Math.min(1, x));
    }
}
