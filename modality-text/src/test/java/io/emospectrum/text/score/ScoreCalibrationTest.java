package io.emospectrum.text.score;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScoreCalibrationTest {

    @Test
    void eachThresholdLandsOnOneHalfAndOrderIsKept() {
        ScoreCalibration c = ScoreCalibration.of(new float[]{0.1f, 0.6f});
        float[] at = c.calibrate(new float[]{0.1f, 0.6f});
        assertThat(at[0]).isCloseTo(0.5f, within(1e-6f));
        assertThat(at[1]).isCloseTo(0.5f, within(1e-6f));
        float[] ends = c.calibrate(new float[]{0f, 1f});
        assertThat(ends[0]).isZero();
        assertThat(ends[1]).isCloseTo(1f, within(1e-6f));
        float prev = -1;
        for (int i = 0; i <= 100; i++) {
            float v = c.calibrate(new float[]{i / 100f, 0f})[0];
            assertThat(v).isGreaterThanOrEqualTo(prev);
            prev = v;
        }
    }

    @Test
    void withoutThresholdsScoresPassThroughAndBadThresholdsAreRejected() {
        assertThat(ScoreCalibration.none().calibrate(new float[]{0.3f, 0.9f})).containsExactly(0.3f, 0.9f);
        assertThatThrownBy(() -> ScoreCalibration.of(new float[]{0f})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScoreCalibration.of(new float[]{0.5f}).calibrate(new float[2]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
