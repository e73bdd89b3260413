package io.emospectrum.tools.text;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MaskedSoftmaxHeadTest {
    /** Three classes around three centres; corpus 0 labels classes 0 and 1 only, corpus 1 classes 1 and 2 only. */
    @Test
    void learnsEveryClassFromCorporaThatEachLabelOnlySome() {
        Random r = new Random(11);
        float[][] centres = {{3, 0, 0}, {0, 3, 0}, {0, 0, 3}};
        int n = 1200;
        float[][] x = new float[n][];
        int[] y = new int[n];
        int[] corpus = new int[n];
        for (int i = 0; i < n; i++) {
            corpus[i] = i % 2;
            y[i] = corpus[i] == 0 ? r.nextInt(2) : 1 + r.nextInt(2);
            x[i] = new float[3];
            for (int j = 0; j < 3; j++) {
                x[i][j] = centres[y[i]][j] + (float) r.nextGaussian();
            }
        }
        double[] w = new double[n];
        Arrays.fill(w, 1);
        boolean[][] allowed = {{true, true, false}, {false, true, true}};
        MaskedSoftmaxHead h = MaskedSoftmaxHead.train(x, y, corpus, w, allowed, 3, new SoftmaxHead.Settings(20, 64, 0.05, 1e-4, 3), true, 0.1);
        for (int c = 0; c < 3; c++) {
            float[] p = h.predict(centres[c]);
            int best = 0;
            for (int k = 1; k < 3; k++) {
                best = p[k] > p[best] ? k : best;
            }
            assertThat(best).as("class %d at its centre: %s", c, Arrays.toString(p)).isEqualTo(c);
        }
    }
}
