package io.emospectrum.fusion.pool;

import io.emospectrum.spectrum.EmotionCategory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.emospectrum.fusion.TestReadings.oneHot;
import static io.emospectrum.fusion.TestReadings.probs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class JensenShannonTest {

    @Test
    void identicalDistributionsDoNotDisagree() {
        float[] p = probs(0.2f, 0.3f, 0.5f);
        assertThat(JensenShannon.divergence(List.of(p, p.clone(), p.clone()))).isCloseTo(0, within(1e-9));
    }

    @Test
    void twoDistributionsWithNoCommonCategoryDisagreeByOneBit() {
        assertThat(JensenShannon.divergence(List.of(oneHot(EmotionCategory.HAPPINESS), oneHot(EmotionCategory.ANGER))))
                .isCloseTo(1.0, within(1e-9));
    }

    @Test
    void threeDisjointDistributionsReachLog2Of3() {
        assertThat(JensenShannon.divergence(List.of(oneHot(EmotionCategory.HAPPINESS), oneHot(EmotionCategory.ANGER),
                oneHot(EmotionCategory.FEAR)))).isCloseTo(Math.log(3) / Math.log(2), within(1e-9));
    }

    @Test
    void partialOverlapByHand() {
        // M = (0.75, 0.25): H(M) = 0.811278 bits; H(0.5, 0.5) = 1, H(1, 0) = 0 -> JS = 0.811278 - 0.5
        assertThat(JensenShannon.divergence(List.of(probs(0.5f, 0.5f), probs(1f)))).isCloseTo(0.311278, within(1e-6));
    }

    @Test
    void aSingleDistributionHasNothingToDisagreeWith() {
        assertThat(JensenShannon.divergence(List.of(probs(1f)))).isZero();
    }
}
