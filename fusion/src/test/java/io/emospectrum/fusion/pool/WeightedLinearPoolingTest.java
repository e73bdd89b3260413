package io.emospectrum.fusion.pool;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.Spectrum;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.emospectrum.fusion.TestReadings.probs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WeightedLinearPoolingTest {
    private final WeightedLinearPooling pooling = new WeightedLinearPooling();

    @Test
    void mixesCategoriesAndDimensionsWithTheSameNormalizedWeights() {
        // weights 2 : 1 -> 2/3 and 1/3
        Spectrum face = Spectrum.of(probs(0.6f, 0.4f), 0.5f, 0.1f);
        Spectrum voice = Spectrum.of(probs(0f, 0.2f, 0.8f), -0.4f, 0.7f);

        Spectrum fused = pooling.pool(List.of(new PoolInput(Modality.FACE, face, 2), new PoolInput(Modality.VOICE, voice, 1)));

        assertThat(fused.probabilities()).containsExactly(new float[] {0.4f, 0.33333334f, 0.26666668f, 0, 0, 0, 0}, within(1e-6f));
        assertThat(fused.valence()).isCloseTo(2 / 3f * 0.5f + 1 / 3f * -0.4f, within(1e-6f)); // 0.2
        assertThat(fused.arousal()).isCloseTo(2 / 3f * 0.1f + 1 / 3f * 0.7f, within(1e-6f)); // 0.3
        assertThat(fused.dominant().name()).isEqualTo("NEUTRAL");
    }

    @Test
    void allZeroWeightsCountEveryInputAlike() {
        Spectrum a = Spectrum.of(probs(1f), 1f, 1f);
        Spectrum b = Spectrum.of(probs(0f, 1f), -1f, 0f);

        Spectrum fused = pooling.pool(List.of(new PoolInput(Modality.FACE, a, 0), new PoolInput(Modality.TEXT, b, 0)));

        assertThat(fused.probabilities()).containsExactly(new float[] {0.5f, 0.5f, 0, 0, 0, 0, 0}, within(1e-6f));
        assertThat(fused.valence()).isCloseTo(0f, within(1e-6f));
        assertThat(fused.arousal()).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void aZeroWeightInputHasNoInfluence() {
        Spectrum a = Spectrum.of(probs(0f, 0f, 0f, 1f), 0f, 0f);
        Spectrum b = Spectrum.of(probs(0f, 1f), 0.9f, 0.2f);

        Spectrum fused = pooling.pool(List.of(new PoolInput(Modality.FACE, a, 0), new PoolInput(Modality.TEXT, b, 0.3)));

        assertThat(fused).isEqualTo(b);
    }

    @Test
    void refusesToPoolNothing() {
        assertThatThrownBy(() -> pooling.pool(List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nothing to pool");
    }
}
