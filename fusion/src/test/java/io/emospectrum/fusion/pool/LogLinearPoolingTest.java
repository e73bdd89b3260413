package io.emospectrum.fusion.pool;

import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.Spectrum;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.emospectrum.fusion.TestReadings.probs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LogLinearPoolingTest {

    @Test
    void equalWeightsGiveTheNormalizedGeometricMean() {
        Spectrum a = Spectrum.of(probs(0.8f, 0.2f), 0.2f, -0.2f);
        Spectrum b = Spectrum.of(probs(0.5f, 0.5f), 0.6f, 0.4f);

        Spectrum fused = new LogLinearPooling(1e-6).pool(List.of(
                new PoolInput(Modality.FACE, a, 1), new PoolInput(Modality.VOICE, b, 1)));

        // sqrt(0.8 * 0.5), sqrt(0.2 * 0.5), and the floor 1e-6 for the five categories neither believes in
        double z = Math.sqrt(0.4) + Math.sqrt(0.1) + 5e-6;
        assertThat(fused.probabilities()[0]).isCloseTo((float) (Math.sqrt(0.4) / z), within(1e-6f));
        assertThat(fused.probabilities()[1]).isCloseTo((float) (Math.sqrt(0.1) / z), within(1e-6f));
        assertThat(fused.probabilities()[2]).isCloseTo((float) (1e-6 / z), within(1e-7f));
        assertThat(fused.valence()).isCloseTo(0.4f, within(1e-6f));
        assertThat(fused.arousal()).isCloseTo(0.1f, within(1e-6f));
    }

    @Test
    void weightsAreExponents() {
        Spectrum a = Spectrum.of(probs(0.8f, 0.2f), 0f, 0f);
        Spectrum b = Spectrum.of(probs(0.2f, 0.8f), 0f, 0f);

        Spectrum fused = new LogLinearPooling(1e-6).pool(List.of(
                new PoolInput(Modality.FACE, a, 3), new PoolInput(Modality.VOICE, b, 1)));

        double p0 = Math.pow(0.8, 0.75) * Math.pow(0.2, 0.25);
        double p1 = Math.pow(0.2, 0.75) * Math.pow(0.8, 0.25);
        double z = p0 + p1 + 5e-6;
        assertThat(fused.probabilities()[0]).isCloseTo((float) (p0 / z), within(1e-6f));
        assertThat(fused.probabilities()[1]).isCloseTo((float) (p1 / z), within(1e-6f));
    }

    @Test
    void agreementSharpensWhereTheLinearPoolDoesNot() {
        Spectrum a = Spectrum.of(probs(0.4f, 0.6f), 0f, 0f);
        Spectrum b = Spectrum.of(probs(0.6f, 0.4f), 0f, 0f);
        Spectrum c = Spectrum.of(probs(0.1f, 0.5f, 0.4f), 0f, 0f);
        List<PoolInput> in = List.of(new PoolInput(Modality.FACE, a, 1), new PoolInput(Modality.VOICE, b, 1),
                new PoolInput(Modality.TEXT, c, 1));

        Spectrum product = new LogLinearPooling().pool(in);
        Spectrum linear = new WeightedLinearPooling().pool(in);

        // sadness: only one expert believes in it, so the product suppresses it; the mixture keeps 0.4/3
        assertThat(linear.probabilities()[2]).isCloseTo(0.4f / 3, within(1e-6f));
        assertThat(product.probabilities()[2]).isLessThan(0.01f);
        assertThat(product.dominant()).isEqualTo(linear.dominant());
        assertThat(product.probabilities()[1]).isGreaterThan(linear.probabilities()[1]);
    }

    @Test
    void identicalExpertsReproduceTheirDistribution() {
        Spectrum a = Spectrum.of(probs(0.1f, 0.2f, 0.3f, 0.1f, 0.1f, 0.1f, 0.1f), 0.3f, 0.3f);
        Spectrum fused = new LogLinearPooling().pool(List.of(new PoolInput(Modality.FACE, a, 0.3),
                new PoolInput(Modality.VOICE, a, 0.9)));
        assertThat(fused.probabilities()).containsExactly(a.probabilities(), within(1e-6f));
    }

    @Test
    void rejectsAFloorOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new LogLinearPooling(0)).hasMessageContaining("floor");
    }
}
