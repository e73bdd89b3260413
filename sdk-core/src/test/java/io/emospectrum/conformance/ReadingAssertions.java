package io.emospectrum.conformance;

import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spi.EmotionExtractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Checks every extractor's readings must pass, whatever the modality. */
public final class ReadingAssertions {
    private ReadingAssertions() {
    }

    /** The reading is a well-formed spectrum from {@code extractor}. */
    public static void assertWellFormed(EmotionReading r, EmotionExtractor extractor, Modality modality) {
        float[] v = r.vector();
        assertThat(v).hasSize(Spectrum.VECTOR_LENGTH);
        double sum = 0;
        for (int i = 0; i < EmotionCategory.COUNT; i++) {
            assertThat(v[i]).as("p[%s]", EmotionCategory.ordered().get(i)).isBetween(0f, 1f);
            sum += v[i];
        }
        assertThat(sum).as("probabilities sum").isCloseTo(1.0, within(1e-4));
        assertThat(v[7]).as("valence").isBetween(-1f, 1f);
        assertThat(v[8]).as("arousal").isBetween(-1f, 1f);
        assertThat(r.confidence()).isBetween(0f, 1f);
        assertThat(r.modality()).isEqualTo(modality);
        assertThat(r.model()).isEqualTo(extractor.model());
        assertThat(r.device()).isEqualTo(extractor.device());
    }

    /** Two readings carry the same spectrum within {@code tolerance} per vector entry. */
    public static void assertSameSpectrum(EmotionReading a, EmotionReading b, float tolerance) {
        float[] va = a.vector();
        float[] vb = b.vector();
        for (int i = 0; i < va.length; i++) {
            assertThat(va[i]).as("vector[%d]", i).isCloseTo(vb[i], within(tolerance));
        }
    }
}
