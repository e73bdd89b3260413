package io.emospectrum.fusion.pool;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.spectrum.VadPoint;

import java.util.List;

/** Weight arithmetic shared by the pooling strategies. */
public final class Weights {
    private Weights() {
    }

    /**
     * The inputs' weights scaled to sum to 1; equal weights when they all are zero.
     *
     * @throws InvalidInputException if there is no input
     */
    public static double[] normalized(List<PoolInput> inputs) {
        if (inputs.isEmpty()) {
            throw new InvalidInputException("nothing to pool: no input spectrum");
        }
        double sum = 0;
        for (PoolInput in : inputs) {
            sum += in.weight();
        }
        double[] w = new double[inputs.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = sum > 0 ? inputs.get(i).weight() / sum : 1.0 / w.length;
        }
        return w;
    }

    /** Valence and arousal as the weighted mean of the inputs' (docs/spectrum.md: same weights as the categories). */
    public static VadPoint dimensions(List<PoolInput> inputs, double[] normalizedWeights) {
        double v = 0;
        double a = 0;
        for (int i = 0; i < normalizedWeights.length; i++) {
            v += normalizedWeights[i] * inputs.get(i).spectrum().valence();
            a += normalizedWeights[i] * inputs.get(i).spectrum().arousal();
        }
        return new VadPoint(clampUnit(v), clampUnit(a));
    }

    private static float clampUnit(double x) {
        // a convex combination of values in [-1, 1] stays there; the clamp only absorbs rounding
        return (float) Math.max(-1, Math.min(1, x));
    }
}
