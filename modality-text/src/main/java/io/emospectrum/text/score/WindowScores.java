package io.emospectrum.text.score;

/**
 * What a {@link LabelScorer} returns for a batch of windows: the label probabilities, and for a
 * model with a valence/arousal head each window's {@code [valence, arousal]}.
 *
 * @param labels     {@code [window][label]} probabilities in [0, 1]
 * @param dimensions {@code [window][2]} valence and arousal in [-1, 1], or null when the model has no such head
 */
public record WindowScores(float[][] labels, float[][] dimensions) {
    public WindowScores {
        if (dimensions != null && dimensions.length != labels.length) {
            throw new IllegalArgumentException(labels.length + " windows of labels but " + dimensions.length + " of dimensions");
        }
    }
}
