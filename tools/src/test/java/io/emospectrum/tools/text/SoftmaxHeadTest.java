package io.emospectrum.tools.text;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SoftmaxHeadTest {
    private static final int N = 600;
    private static final int D = 12;
    private static final int K = 3;

    /** Class c shifts feature c by +2: separable enough for a linear head to learn in a few epochs. */
    private static float[][] features(int[] y, Random r) {
        float[][] x = new float[y.length][D];
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < D; j++) {
                x[i][j] = (float) (r.nextGaussian() + (j == y[i] ? 2 : 0));
            }
        }
        return x;
    }

    private static double accuracy(SoftmaxHead h, float[][] x, int[] y) {
        int right = 0;
        for (int i = 0; i < x.length; i++) {
            float[] p = h.predict(x[i]);
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                best = p[c] > p[best] ? c : best;
            }
            right += best == y[i] ? 1 : 0;
        }
        return right / (double) x.length;
    }

    @Test
    void learnsSeparableClassesAndItsProbabilitiesSumToOne() {
        Random r = new Random(5);
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = r.nextInt(K);
        }
        float[][] x = features(y, r);
        double[] weight = new double[N];
        java.util.Arrays.fill(weight, 1);
        SoftmaxHead h = SoftmaxHead.train(x, y, weight, K, new SoftmaxHead.Settings(10, 64, 1e-2, 1e-4, 7));
        assertThat(accuracy(h, x, y)).isGreaterThan(0.8);
        float sum = 0;
        for (float p : h.predict(x[0])) {
            sum += p;
        }
        assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void examplesOfWeightZeroDoNotTeachIt() {
        Random r = new Random(6);
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = r.nextInt(K);
        }
        float[][] x = features(y, r);
        // the second half carries wrong labels; with weight 0 they must not matter
        int[] noisy = y.clone();
        double[] weight = new double[N];
        for (int i = 0; i < N; i++) {
            boolean wrong = i >= N / 2;
            noisy[i] = wrong ? (y[i] + 1) % K : y[i];
            weight[i] = wrong ? 0 : 1;
        }
        SoftmaxHead.Settings s = new SoftmaxHead.Settings(10, 64, 1e-2, 1e-4, 7);
        assertThat(accuracy(SoftmaxHead.train(x, noisy, weight, K, s), x, y)).isGreaterThan(0.8);
        java.util.Arrays.fill(weight, 1);
        assertThat(accuracy(SoftmaxHead.train(x, noisy, weight, K, s), x, y)).isLessThan(0.7);
    }
}
