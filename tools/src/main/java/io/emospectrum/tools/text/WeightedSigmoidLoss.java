package io.emospectrum.tools.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;

/**
 * Binary cross-entropy on logits with a weight on each label's positive term, so that rare labels
 * (grief: 77 of 43,410 training comments) pull on the head as well as frequent ones:
 * {@code w_k * y * softplus(-x) + (1 - y) * softplus(x)}, averaged.
 */
public final class WeightedSigmoidLoss extends Loss {
    private final float[] positiveWeights;

    public WeightedSigmoidLoss(float[] positiveWeights) {
        super("WeightedSigmoidLoss");
        this.positiveWeights = positiveWeights.clone();
    }

    /** {@code (negatives / positives) ^ power}, clipped to [1, max], per label. */
    public static float[] weights(float[][] targets, double power, double max) {
        int k = targets[0].length;
        float[] w = new float[k];
        for (int j = 0; j < k; j++) {
            double pos = 0;
            for (float[] row : targets) {
                pos += row[j];
            }
            double ratio = (targets.length - pos) / Math.max(1, pos);
            w[j] = (float) Math.max(1, Math.min(max, Math.pow(ratio, power)));
        }
        return w;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray x = predictions.singletonOrThrow();
        NDArray y = labels.singletonOrThrow().toType(x.getDataType(), false);
        NDArray w = x.getManager().create(positiveWeights);
        NDArray pos = Activation.softPlus(x.neg()).mul(y).mul(w);
        NDArray neg = Activation.softPlus(x).mul(y.neg().add(1));
        return pos.add(neg).mean();
    }
}
