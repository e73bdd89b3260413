package io.emospectrum.text.score;

import io.emospectrum.error.InvalidOptionException;
import io.emospectrum.spectrum.Spectrum;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DomainCalibrationTest {
    private static final float[] P = {0.1f, 0.6f, 0.1f, 0.05f, 0.05f, 0.05f, 0.05f};

    @Test
    void theIdentityLeavesTheDistributionAsItIs() {
        assertThat(new DomainCalibration(0, 1).apply(P)).containsExactly(P, within(1e-5f));
    }

    @Test
    void aNegativeInterceptLowersTheConfidenceAndKeepsTheDominantCategory() {
        DomainCalibration lower = new DomainCalibration(-1, 1);
        float[] q = lower.apply(P);
        assertThat(Spectrum.dominantIndex(q)).isEqualTo(1);
        // logit(0.6) - 1 = -0.595: sigmoid 0.3555
        assertThat(q[1]).isCloseTo(0.3555f, within(1e-3f));
        assertThat(sum(q)).isCloseTo(1f, within(1e-5f));
        assertThat(new DomainCalibration(1, 1).apply(P)[1]).isGreaterThan(0.6f);
    }

    @Test
    void theSlopeSpreadsConfidencesApartAroundOneHalf() {
        DomainCalibration steep = new DomainCalibration(0, 2);
        assertThat(steep.confidence(0.8)).isGreaterThan(0.8);
        assertThat(steep.confidence(0.3)).isLessThan(0.3);
    }

    @Test
    void theOptionIsTwoNumbersAndAPositiveSlope() {
        DomainCalibration d = DomainCalibration.parse("domain-calibration", " -0.4, 0.9 ");
        assertThat(d.a()).isEqualTo(-0.4);
        assertThat(d.b()).isEqualTo(0.9);
        assertThat(DomainCalibration.parse("x", d.option())).isEqualTo(d);
        assertThatThrownBy(() -> DomainCalibration.parse("domain-calibration", "0.5")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("domain-calibration takes A,B");
        assertThatThrownBy(() -> DomainCalibration.parse("domain-calibration", "a,b")).isInstanceOf(InvalidOptionException.class);
        assertThatThrownBy(() -> DomainCalibration.parse("domain-calibration", "0,-1")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("positive slope");
        assertThatThrownBy(() -> DomainCalibration.parse("domain-calibration", "NaN,1")).isInstanceOf(InvalidOptionException.class);
    }

    private static float sum(float[] p) {
        float s = 0;
        for (float x : p) {
            s += x;
        }
        return s;
    }
}
