package io.emospectrum.tools.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CalibrationMetricsTest {

    @Test
    void confidenceEqualToAccuracyInEachBinHasNoError() {
        // 10 predictions at 0.8 with 8 right, 10 at 0.3 with 3 right
        double[] c = new double[20];
        boolean[] hit = new boolean[20];
        for (int i = 0; i < 10; i++) {
            c[i] = 0.8;
            hit[i] = i < 8;
            c[10 + i] = 0.3;
            hit[10 + i] = i < 3;
        }
        CalibrationMetrics.Summary s = CalibrationMetrics.summarize(c, hit);
        assertThat(s.ece()).isCloseTo(0.0, within(1e-12));
        assertThat(s.accuracy()).isCloseTo(0.55, within(1e-12));
        assertThat(s.meanConfidence()).isCloseTo(0.55, within(1e-12));
    }

    @Test
    void overconfidenceIsTheWeightedGapPerBin() {
        // all at 0.99 (last bin), half right: gap 0.49; plus an exact 1.0, right, in the same last bin
        double[] c = {0.99, 0.99, 1.0};
        boolean[] hit = {true, false, true};
        // bin 14: mean confidence 0.9933, accuracy 0.6667 -> |2 - 2.98| / 3
        assertThat(CalibrationMetrics.summarize(c, hit).ece()).isCloseTo(0.98 / 3, within(1e-9));
    }

    @Test
    void aurocSaysWhetherConfidenceSeparatesRightFromWrong() {
        boolean[] hit = {false, false, true, true};
        assertThat(CalibrationMetrics.summarize(new double[]{0.1, 0.2, 0.8, 0.9}, hit).auroc()).isEqualTo(1.0);
        assertThat(CalibrationMetrics.summarize(new double[]{0.9, 0.8, 0.2, 0.1}, hit).auroc()).isEqualTo(0.0);
        // the same confidence for every reading: calibrated at accuracy 0.5 (ECE 0), and tells nothing apart
        CalibrationMetrics.Summary constant = CalibrationMetrics.summarize(new double[]{0.5, 0.5, 0.5, 0.5}, hit);
        assertThat(constant.ece()).isCloseTo(0, within(1e-12));
        assertThat(constant.auroc()).isEqualTo(0.5);
        // of the four (right, wrong) pairs three in order and one tied: (3 + 0.5) / 4
        assertThat(CalibrationMetrics.summarize(new double[]{0.3, 0.6, 0.6, 0.9}, hit).auroc()).isCloseTo(0.875, within(1e-12));
        // three in order, one reversed: 3 / 4
        assertThat(CalibrationMetrics.summarize(new double[]{0.3, 0.6, 0.5, 0.9}, hit).auroc()).isCloseTo(0.75, within(1e-12));
        assertThat(CalibrationMetrics.summarize(new double[]{0.3, 0.6}, new boolean[]{true, true}).auroc()).isNaN();
    }
}
