package io.emospectrum.fusion.learn;

import java.util.Random;

/**
 * Multinomial logistic regression with L2 regularization, trained by full-batch gradient descent
 * with Adam steps. Deterministic: the same data, settings and seed give the same weights.
 */
public final class LogisticRegression {
    private final int classes;
    private final double l2;
    private final int epochs;
    private final double learningRate;
    private final long seed;

    /** The trained parameters: {@code weights[class][feature]}, {@code bias[class]}. */
    public record Model(double[][] weights, double[] bias, double finalLoss) {
    }

    public LogisticRegression(int classes, double l2, int epochs, double learningRate, long seed) {
        if (classes < 2 || l2 < 0 || epochs < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("invalid settings: classes " + classes + ", l2 " + l2 + ", epochs " + epochs
                    + ", learning rate " + learningRate);
        }
        this.classes = classes;
        this.l2 = l2;
        this.epochs = epochs;
        this.learningRate = learningRate;
        this.seed = seed;
    }

    public Model train(double[][] x, int[] y) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException(x.length + " examples but " + y.length + " labels");
        }
        int n = x.length;
        int d = x[0].length;
        Random random = new Random(seed);
        double[][] w = new double[classes][d];
        for (double[] row : w) {
            for (int f = 0; f < d; f++) {
                row[f] = random.nextGaussian() * 0.01; // small symmetric-breaking start
            }
        }
        double[] b = new double[classes];
        double[][] mW = new double[classes][d];
        double[][] vW = new double[classes][d];
        double[] mB = new double[classes];
        double[] vB = new double[classes];
        double loss = Double.NaN;
        double[] p = new double[classes];
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double[][] gW = new double[classes][d];
            double[] gB = new double[classes];
            loss = 0;
            for (int i = 0; i < n; i++) {
                softmax(w, b, x[i], p);
                loss -= Math.log(Math.max(p[y[i]], 1e-12));
                for (int c = 0; c < classes; c++) {
                    double g = p[c] - (c == y[i] ? 1 : 0);
                    gB[c] += g;
                    for (int f = 0; f < d; f++) {
                        gW[c][f] += g * x[i][f];
                    }
                }
            }
            loss /= n;
            double b1 = 0.9;
            double b2 = 0.999;
            double c1 = 1 - Math.pow(b1, epoch);
            double c2 = 1 - Math.pow(b2, epoch);
            for (int c = 0; c < classes; c++) {
                for (int f = 0; f < d; f++) {
                    double g = gW[c][f] / n + l2 * w[c][f];
                    loss += 0.5 * l2 * w[c][f] * w[c][f] / classes;
                    mW[c][f] = b1 * mW[c][f] + (1 - b1) * g;
                    vW[c][f] = b2 * vW[c][f] + (1 - b2) * g * g;
                    w[c][f] -= learningRate * (mW[c][f] / c1) / (Math.sqrt(vW[c][f] / c2) + 1e-8);
                }
                double g = gB[c] / n;
                mB[c] = b1 * mB[c] + (1 - b1) * g;
                vB[c] = b2 * vB[c] + (1 - b2) * g * g;
                b[c] -= learningRate * (mB[c] / c1) / (Math.sqrt(vB[c] / c2) + 1e-8);
            }
        }
        return new Model(w, b, loss);
    }

    /** The model's class probabilities for {@code x}, written into {@code out}. */
    public static void softmax(double[][] w, double[] b, double[] x, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < out.length; c++) {
            double s = b[c];
            for (int f = 0; f < x.length; f++) {
                s += w[c][f] * x[f];
            }
            out[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < out.length; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < out.length; c++) {
            out[c] /= sum;
        }
    }
}
