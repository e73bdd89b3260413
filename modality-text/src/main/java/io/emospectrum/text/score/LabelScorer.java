package io.emospectrum.text.score;

import io.emospectrum.text.encoder.TokenBatch;

import java.util.List;

/**
 * Turns a batch of token windows into one score per model label per window: the part of the text
 * pipeline that differs between the bundled encoder + GoEmotions head and a user's own
 * sequence-classification model. Implementations are thread-safe.
 */
public interface LabelScorer extends AutoCloseable {

    /** The model's labels, in output order. */
    List<String> labels();

    /** {@code [window][label]} probabilities in [0, 1]. */
    float[][] score(TokenBatch batch);

    /** Whether {@link #scoreWindows} gives the model's own valence and arousal (else they come from anchors). */
    default boolean predictsDimensions() {
        return false;
    }

    /** Whether {@link #scoreWindows} also gives a second head's seven-category distribution. */
    default boolean predictsCategories() {
        return false;
    }

    /** The label probabilities and, for a model with a valence/arousal head or a second category head, their outputs. */
    default WindowScores scoreWindows(TokenBatch batch) {
        return new WindowScores(score(batch), null);
    }

    /** The device inference runs on, as DJL names it. */
    String device();

    @Override
    void close();
}
