package io.emospectrum.fusion.learn;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LogisticRegressionTest {

    @Test
    void separatesThreeGaussianBlobsAndIsReproducible() {
        Random r = new Random(11);
        int n = 600;
        double[][] x = new double[n][2];
        int[] y = new int[n];
        double[][] centers = {{0, 3}, {3, -2}, {-3, -2}};
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            x[i][0] = centers[y[i]][0] + r.nextGaussian();
            x[i][1] = centers[y[i]][1] + r.nextGaussian();
        }
        LogisticRegression lr = new LogisticRegression(3, 1e-4, 200, 0.1, 5);

        LogisticRegression.Model a = lr.train(x, y);
        LogisticRegression.Model b = lr.train(x, y);

        assertThat(a.weights()).isDeepEqualTo(b.weights());
        int correct = 0;
        double[] p = new double[3];
        for (int i = 0; i < n; i++) {
            LogisticRegression.softmax(a.weights(), a.bias(), x[i], p);
            int best = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
            correct += best == y[i] ? 1 : 0;
        }
        assertThat(correct / (double) n).isGreaterThan(0.95);
        assertThat(a.finalLoss()).isLessThan(0.2);
    }
}
