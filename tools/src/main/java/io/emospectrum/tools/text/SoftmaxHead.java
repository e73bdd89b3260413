package io.emospectrum.tools.text;

import java.util.Random;

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

    /** @param weight per-example weight of its loss (e.g. to balance corpora) */
    public static SoftmaxHead train(float[][] x, int[] y, double[] weight, int classes, Settings s) {
        int n = x.length;
        int d = x[0].length;
        float[][] standardization = SoftmaxHead.standardization(x);
        float[] mean = standardization[0];
        float[] std = standardization[1];
        float[][] w = new float[classes][d];
        float[] b = new float[classes];
        SoftmaxHead h = new SoftmaxHead(mean, std, w, b);
        double wsum = 0;
        for (double v : weight) {
            wsum += v;
        }
        double[][] mw = new double[classes][d];
        double[][] vw = new double[classes][d];
        double[] mb = new double[classes];
        double[] vb = new double[classes];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random r = new Random(s.seed());
        int step = 0;
        float[] z = new float[d];
        double[][] gw = new double[classes][d];
        double[] gb = new double[classes];
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int k = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[k];
                order[k] = t;
            }
            for (int from = 0; from < n; from += s.batch()) {
                int to = Math.min(n, from + s.batch());
                for (double[] g : gw) {
                    java.util.Arrays.fill(g, 0);
                }
                java.util.Arrays.fill(gb, 0);
                double bw = 0;
                for (int k = from; k < to; k++) {
                    bw += weight[order[k]];
                }
                if (bw <= 0) {
                    continue;
                }
                for (int k = from; k < to; k++) {
                    int i = order[k];
                    h.standardize(x[i], z);
                    double[] p = h.softmax(z);
                    double a = weight[i] / bw;
                    for (int c = 0; c < classes; c++) {
                        double g = a * (p[c] - (c == y[i] ? 1 : 0));
                        if (g == 0) {
                            continue;
                        }
                        double[] row = gw[c];
                        for (int j = 0; j < d; j++) {
                            row[j] += g * z[j];
                        }
                        gb[c] += g;
                    }
                }
                step++;
                double c1 = 1 - Math.pow(0.9, step);
                double c2 = 1 - Math.pow(0.999, step);
                for (int c = 0; c < classes; c++) {
                    for (int j = 0; j < d; j++) {
                        double g = gw[c][j] + s.l2() * w[c][j];
                        mw[c][j] = 0.9 * mw[c][j] + 0.1 * g;
                        vw[c][j] = 0.999 * vw[c][j] + 0.001 * g * g;
                        w[c][j] -= (float) (s.lr() * (mw[c][j] / c1) / (Math.sqrt(vw[c][j] / c2) + 1e-8));
                    }
                    mb[c] = 0.9 * mb[c] + 0.1 * gb[c];
                    vb[c] = 0.999 * vb[c] + 0.001 * gb[c] * gb[c];
                    b[c] -= (float) (s.lr() * (mb[c] / c1) / (Math.sqrt(vb[c] / c2) + 1e-8));
                }
            }
        }
        return h;
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
