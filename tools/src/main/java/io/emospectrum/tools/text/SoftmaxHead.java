package io.emospectrum.tools.text;

/**
 * A linear softmax classifier on fixed features (standardized with the training set's mean and
 * standard deviation), trained with Adam on a weighted cross-entropy plus L2. Small enough to
 * train in seconds on cached encoder features, which is what makes leave-one-corpus-out cheap.
 */
public final class SoftmaxHead {
    final float[] mean;
    final float[] std;
    final float[][] w;
    final float[] b;

    SoftmaxHead(float[] mean, float[] std, float[][] w, float[] b) {
        this.mean = mean;
        this.std = std;
        this.w = w;
        this.b = b;
    }

    /** Training settings: epochs over the data, mini-batch size, Adam learning rate, L2 on the weights. */
    public record Settings(int epochs, int batch, double lr, double l2, long seed) {
        public static Settings defaults() {
            return new Settings(20, 256, 2e-3, 1e-4, 7);
        }
    }

    /** {mean, std} of each input dimension over the training rows: the heads standardize their inputs with them. */
    static float[][] standardization(float[][] x) {
        int n = x.length;
        int d = x[0].length;
        float[] mean = new float[d];
        float[] std = new float[d];
        for (float[] r : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / n;
            }
        }
        for (float[] r : x) {
            for (int j = 0; j < d; j++) {
                std[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = (float) Math.sqrt(std[j] + 1e-8);
        }
        return new float[][] {mean, std};
    }

    /**
     * The {@link MaskedSoftmaxHead} recipe with one corpus that has every class, one bias and no label
     * smoothing: the same Adam steps, so the same weights bit for bit.
     *
     * @param weight per-example weight of its loss (e.g. to balance corpora)
     */
    public static SoftmaxHead train(float[][] x, int[] y, double[] weight, int classes, Settings s) {
        boolean[][] everyClass = new boolean[1][classes];
        java.util.Arrays.fill(everyClass[0], true);
        MaskedSoftmaxHead h = MaskedSoftmaxHead.train(x, y, new int[x.length], weight, everyClass, classes, s, false, 0);
        return new SoftmaxHead(h.mean, h.std, h.w, h.b);
    }

    void standardize(float[] x, float[] z) {
        for (int j = 0; j < z.length; j++) {
            z[j] = (x[j] - mean[j]) / std[j];
        }
    }

    double[] softmax(float[] z) {
        double[] logits = new double[b.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < b.length; c++) {
            double s = b[c];
            float[] row = w[c];
            for (int j = 0; j < z.length; j++) {
                s += row[j] * z[j];
            }
            logits[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < logits.length; c++) {
            logits[c] = Math.exp(logits[c] - max);
            sum += logits[c];
        }
        for (int c = 0; c < logits.length; c++) {
            logits[c] /= sum;
        }
        return logits;
    }

    /** Class probabilities of one raw (unstandardized) feature vector. */
    public float[] predict(float[] x) {
        float[] z = new float[x.length];
        standardize(x, z);
        double[] p = softmax(z);
        float[] out = new float[p.length];
        for (int c = 0; c < p.length; c++) {
            out[c] = (float) p[c];
        }
        return out;
    }
}
