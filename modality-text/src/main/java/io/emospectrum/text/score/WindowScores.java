package io.emospectrum.text.score;

/**
 * What a {@link LabelScorer} returns for a batch of windows: the label probabilities; for a model
 * with a valence/arousal head each window's {@code [valence, arousal]}; for a model with a second,
 * seven-category head its distribution.
 *
 * @param labels     {@code [window][label]} probabilities in [0, 1]
 * @param dimensions {@code [window][2]} valence and arousal in [-1, 1], or null when the model has no such head
 * @param categories {@code [window][category]} the second head's distribution, or null when the model has none
 */
public record WindowScores(float[][] labels, float[][] dimensions, float[][] categories) {
    public WindowScores {
        if (dimensions != null && dimensions.length != labels.length) {
            throw new IllegalArgumentException(labels.length + " windows of labels but " + dimensions.length + " of dimensions");
        }
        if (categories != null && categories.length != labels.length) {
            throw new IllegalArgumentException(labels.length + " windows of labels but " + categories.length + " of categories");
        }
    }

    public WindowScores(float[][] labels, float[][] dimensions) {
        this(labels, dimensions, null);
    }
}
