package io.emospectrum.spectrum;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TemperingTest {
    private static final float[] PEAKED = {0.70f, 0.10f, 0.08f, 0.05f, 0.04f, 0.02f, 0.01f};

    @Test
    void aTemperatureAboveOneFlattensBelowOneSharpensAndKeepsTheOrder() {
        float[] flat = Tempering.tempered(PEAKED, 2);
        float[] sharp = Tempering.tempered(PEAKED, 0.5);
        assertThat(flat[0]).isLessThan(PEAKED[0]);
        assertThat(sharp[0]).isGreaterThan(PEAKED[0]);
        // p^(1/2) renormalized, by hand for the first category
        double sum = 0;
        for (float x : PEAKED) {
            sum += Math.sqrt(x);
        }
        assertThat(flat[0]).isCloseTo((float) (Math.sqrt(0.70) / sum), within(1e-6f));
        for (float[] q : new float[][]{flat, sharp}) {
            assertOrderedDistribution(q);
        }
    }

    @Test
    void oneOrNothingPositiveReturnsACopy() {
        float[] same = Tempering.tempered(PEAKED, 1);
        assertThat(same).containsExactly(PEAKED).isNotSameAs(PEAKED);
        float[] zeros = new float[7];
        assertThat(Tempering.tempered(zeros, 0.5)).containsOnly(0f);
    }

    @Test
    void withTopReachesTheTargetAndKeepsTheOrderOfTheCategories() {
        for (double target : new double[]{0.2, 0.45, 0.7, 0.95}) {
            float[] q = Tempering.withTop(PEAKED, target);
            assertThat(q[0]).isCloseTo((float) target, within(1e-3f));
            assertOrderedDistribution(q);
        }
    }

    @Test
    void aTargetOutOfReachGivesTheNearestReachable() {
        // Six categories at zero: no temperature brings the top below 1.
        float[] q = Tempering.withTop(new float[]{1f, 0, 0, 0, 0, 0, 0}, 0.3);
        assertThat(q[0]).isEqualTo(1f);
    }

    private static void assertOrderedDistribution(float[] q) {
        double sum = 0;
        for (int i = 0; i < q.length; i++) {
            sum += q[i];
            if (i > 0) {
                assertThat(q[i]).isLessThanOrEqualTo(q[i - 1]);
            }
        }
        assertThat(sum).isCloseTo(1.0, within(1e-5));
    }
}
