package io.emospectrum.tools.text;

import io.emospectrum.text.head.CategoryHead;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A linear softmax head trained on several corpora whose label sets differ: each example's softmax
 * runs only over the categories its corpus has (a corpus without neutral says nothing against
 * neutral), optionally with a bias vector per corpus (each corpus's own class prior) and label
 * smoothing over the corpus's categories. At inference the bias of a category is the mean of the
 * biases of the corpora that have it, so no single corpus's prior is assumed. Adam, weighted
 * cross-entropy, L2 on the weights; inputs standardized with the training set's statistics.
 */
final class MaskedSoftmaxHead {
    final float[] mean;
    final float[] std;
    final float[][] w;
    /** Inference bias: per category, the mean over the corpora that have it. */
    final float[] b;

    private final CategoryHead shipped;

    private MaskedSoftmaxHead(float[] mean, float[] std, float[][] w, float[] b) {
        this.mean = mean;
        this.std = std;
        this.w = w;
        this.b = b;
        // labels only name the outputs here; MultiCorpusRecipes writes the head with the real ones
        List<String> index = IntStream.range(0, b.length).mapToObj(String::valueOf).toList();
        this.shipped = new CategoryHead("candidate", "0", "", 0, 0, index, mean, std, w, b, "");
    }

    /**
     * @param corpus         each example's corpus index
     * @param allowed        {@code [corpus][category]}: the categories each corpus labels
     * @param perCorpusBias  a bias vector per corpus (else one shared)
     * @param smoothing      label smoothing over the corpus's categories
     */
    static MaskedSoftmaxHead train(float[][] x, int[] y, int[] corpus, double[] weight, boolean[][] allowed, int classes,
                                   SoftmaxHead.Settings s, boolean perCorpusBias, double smoothing) {
        int n = x.length;
        int d = x[0].length;
        float[][] standardization = SoftmaxHead.standardization(x);
        float[] mean = standardization[0];
        float[] std = standardization[1];
        int groups = perCorpusBias ? allowed.length : 1;
        float[][] w = new float[classes][d];
        float[][] bias = new float[groups][classes];
        double[][] mw = new double[classes][d];
        double[][] vw = new double[classes][d];
        double[][] mb = new double[groups][classes];
        double[][] vb = new double[groups][classes];
        double[][] gw = new double[classes][d];
        double[][] gb = new double[groups][classes];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random r = new Random(s.seed());
        int step = 0;
        float[][] z = new float[n][];
        for (int i = 0; i < n; i++) {
            z[i] = new float[d];
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) / std[j];
            }
        }
        double[] logits = new double[classes];
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
                    Arrays.fill(g, 0);
                }
                for (double[] g : gb) {
                    Arrays.fill(g, 0);
                }
                double bw = 0;
                for (int k = from; k < to; k++) {
                    bw += weight[order[k]];
                }
                if (bw <= 0) {
                    continue;
                }
                for (int k = from; k < to; k++) {
                    int i = order[k];
                    int c0 = corpus[i];
                    int g = perCorpusBias ? c0 : 0;
                    boolean[] ok = allowed[c0];
                    int count = 0;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < classes; c++) {
                        if (!ok[c]) {
                            continue;
                        }
                        count++;
                        double v = bias[g][c];
                        float[] row = w[c];
                        float[] zi = z[i];
                        for (int j = 0; j < d; j++) {
                            v += row[j] * zi[j];
                        }
                        logits[c] = v;
                        max = Math.max(max, v);
                    }
                    double sum = 0;
                    for (int c = 0; c < classes; c++) {
                        if (ok[c]) {
                            logits[c] = Math.exp(logits[c] - max);
                            sum += logits[c];
                        }
                    }
                    double a = weight[i] / bw;
                    for (int c = 0; c < classes; c++) {
                        if (!ok[c]) {
                            continue;
                        }
                        double target = (c == y[i] ? 1 - smoothing : 0) + smoothing / count;
                        double grad = a * (logits[c] / sum - target);
                        double[] row = gw[c];
                        float[] zi = z[i];
                        for (int j = 0; j < d; j++) {
                            row[j] += grad * zi[j];
                        }
                        gb[g][c] += grad;
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
                    for (int g = 0; g < groups; g++) {
                        mb[g][c] = 0.9 * mb[g][c] + 0.1 * gb[g][c];
                        vb[g][c] = 0.999 * vb[g][c] + 0.001 * gb[g][c] * gb[g][c];
                        bias[g][c] -= (float) (s.lr() * (mb[g][c] / c1) / (Math.sqrt(vb[g][c] / c2) + 1e-8));
                    }
                }
            }
        }
        float[] b = new float[classes];
        for (int c = 0; c < classes; c++) {
            double sum = 0;
            int count = 0;
            for (int g = 0; g < groups; g++) {
                if (!perCorpusBias || allowed[g][c]) {
                    sum += bias[g][c];
                    count++;
                }
            }
            b[c] = count == 0 ? 0 : (float) (sum / count);
        }
        return new MaskedSoftmaxHead(mean, std, w, b);
    }

    /**
     * Probabilities over all categories of one raw feature vector, computed by the runtime's
     * {@link CategoryHead} (the form this head ships in), so candidates are measured as they will be read.
     */
    float[] predict(float[] x) {
        return shipped.predict(x);
    }
}
