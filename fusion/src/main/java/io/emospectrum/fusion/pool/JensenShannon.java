package io.emospectrum.fusion.pool;

import java.util.List;

/**
 * Generalized Jensen-Shannon divergence between category distributions, in bits, with equal
 * weights: {@code JS = H(mean_m p_m) - mean_m H(p_m)}. 0 when all agree; at most
 * {@code log2(n)} for n distributions (1 bit for two that share no category).
 * Equal weights, not the fusion weights: disagreement is a property of the evidence, not of how
 * much each modality is trusted.
 */
public final class JensenShannon {
    private JensenShannon() {
    }

    /** The divergence between the given distributions; 0 for fewer than two. */
    public static double divergence(List<float[]> distributions) {
        int n = distributions.size();
        if (n < 2) {
            return 0;
        }
        int k = distributions.get(0).length;
        double[] mean = new double[k];
        double meanEntropy = 0;
        for (float[] p : distributions) {
            if (p.length != k) {
                throw new IllegalArgumentException("distributions of different lengths: " + k + " and " + p.length);
            }
            for (int c = 0; c < k; c++) {
                mean[c] += p[c] / (double) n;
            }
            meanEntropy += entropyBits(p) / n;
        }
        // rounding can make it a hair negative when all agree
        return Math.max(0, entropyBits(mean) - meanEntropy);
    }

    /** Shannon entropy in bits; {@code 0 log 0 = 0}. */
    public static double entropyBits(float[] p) {
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = p[i];
        }
        return entropyBits(d);
    }

    static double entropyBits(double[] p) {
        double h = 0;
        for (double x : p) {
            if (x > 0) {
                h -= x * Math.log(x);
            }
        }
        return h / Math.log(2);
    }
}
