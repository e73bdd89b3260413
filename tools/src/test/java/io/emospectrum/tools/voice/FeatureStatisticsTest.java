package io.emospectrum.tools.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FeatureStatisticsTest {
    @Test
    void meanAndStandardDeviationPerDimensionWithAFloorForConstantOnes() {
        FeatureStatistics s = new FeatureStatistics(2);
        s.add(new float[] {1, 5});
        s.add(new float[] {3, 5});
        s.add(new float[] {5, 5});
        float[][] ms = s.meanAndStd();
        assertThat(ms[0][0]).isCloseTo(3f, within(1e-6f));
        assertThat(ms[1][0]).isCloseTo((float) Math.sqrt(8.0 / 3), within(1e-5f));
        assertThat(ms[0][1]).isCloseTo(5f, within(1e-6f));
        assertThat(ms[1][1]).isEqualTo(1e-3f);
    }

    @Test
    void noRowsIsAnError() {
        assertThatThrownBy(() -> new FeatureStatistics(3).meanAndStd()).isInstanceOf(IllegalStateException.class);
    }
}
