package io.emospectrum.tools.text;

import io.emospectrum.spectrum.Spectrum;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DomainCalibrationFitTest {
    /**
     * Readings whose dominant probability is {@code top} (category 1 or 2 at random) and right with probability
     * {@code accuracy}: a domain where the model is over- or under-confident by {@code top - accuracy}.
     */
    private static List<float[]> readings(int n, double top, double accuracy, int[] gold, long seed) {
        Random random = new Random(seed);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double t = Math.min(0.95, Math.max(0.2, top + 0.1 * random.nextGaussian()));
            float[] p = new float[7];
            int dominant = 1 + random.nextInt(2);
            java.util.Arrays.fill(p, (float) ((1 - t) / 6));
            p[dominant] = (float) t;
            out.add(p);
            gold[i] = random.nextDouble() < accuracy ? dominant : (dominant == 1 ? 3 : 4);
        }
        return out;
    }

    @Test
    void plattScalingBringsAnOverconfidentDomainsConfidenceDownToItsAccuracy() {
        int[] gold = new int[2000];
        List<float[]> p = readings(2000, 0.7, 0.3, gold, 1);
        assertThat(DomainCalibrationFit.score(p, gold, null).ece()).isGreaterThan(0.3);
        DomainCalibrationFit.Fitted fit = DomainCalibrationFit.fit(DomainCalibrationFit.Form.PLATT, p, gold);
        CorpusMetrics.Result after = DomainCalibrationFit.score(p, gold, fit);
        assertThat(after.meanConfidence()).isCloseTo(after.accuracy(), within(0.03));
        assertThat(after.ece()).isLessThan(0.05);
        // the dominant category stays
        for (float[] r : p) {
            assertThat(Spectrum.dominantIndex(fit.apply(r))).isEqualTo(Spectrum.dominantIndex(r));
        }
    }

    @Test
    void everyFormRaisesAnUnderconfidentDomainsConfidence() {
        int[] gold = new int[2000];
        List<float[]> p = readings(2000, 0.4, 0.8, gold, 2);
        double before = DomainCalibrationFit.score(p, gold, null).meanConfidence();
        for (DomainCalibrationFit.Form form : DomainCalibrationFit.Form.values()) {
            CorpusMetrics.Result after = DomainCalibrationFit.score(p, gold, DomainCalibrationFit.fit(form, p, gold));
            assertThat(after.meanConfidence()).as(form.name()).isGreaterThan(before + 0.1);
        }
    }

    @Test
    void crossValidatedFiguresAreForTextsTheFitDidNotSee() {
        int[] gold = new int[300];
        List<float[]> p = readings(300, 0.7, 0.35, gold, 3);
        CorpusMetrics.Result held = TrainDomainCalibration.crossValidated(p, gold, 5);
        assertThat(held.n()).isEqualTo(300);
        assertThat(held.accuracy()).isEqualTo(DomainCalibrationFit.score(p, gold, null).accuracy());
        assertThat(held.meanConfidence()).isCloseTo(0.35, within(0.06));
    }
}
