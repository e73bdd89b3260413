package io.emospectrum.spectrum;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SpectrumTest {
    private static float[] p(float... v) {
        return v;
    }

    @Test
    void vectorIsSevenProbabilitiesThenValenceThenArousal() {
        Spectrum s = Spectrum.of(p(0.1f, 0.2f, 0.3f, 0.1f, 0.1f, 0.1f, 0.1f), 0.25f, -0.5f);
        assertThat(s.toVector()).containsExactly(0.1f, 0.2f, 0.3f, 0.1f, 0.1f, 0.1f, 0.1f, 0.25f, -0.5f);
        assertThat(s.probability(EmotionCategory.SADNESS)).isEqualTo(0.3f);
        assertThat(s.dominant()).isEqualTo(EmotionCategory.SADNESS);
        assertThat(EmotionCategory.ordered()).extracting(EmotionCategory::key)
                .containsExactly("neutral", "happiness", "sadness", "anger", "fear", "disgust", "surprise");
    }

    @Test
    void probabilitiesAreRenormalizedToSumExactlyToOne() {
        Spectrum s = Spectrum.of(p(0.1004f, 0.2f, 0.3f, 0.1f, 0.1f, 0.1f, 0.1f), 0f, 0f);
        double sum = 0;
        for (float f : s.probabilities()) {
            sum += f;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void probabilitiesThatDoNotSumToOneAreRejected() {
        assertThatThrownBy(() -> Spectrum.of(p(0.5f, 0.2f, 0, 0, 0, 0, 0), 0, 0)).hasMessageContaining("sum to 1");
        assertThatThrownBy(() -> Spectrum.of(p(1.5f, -0.5f, 0, 0, 0, 0, 0), 0, 0)).hasMessageContaining("out of [0, 1]");
        assertThatThrownBy(() -> Spectrum.of(p(Float.NaN, 1, 0, 0, 0, 0, 0), 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Spectrum.of(p(1, 0, 0), 0, 0)).hasMessageContaining("expected 7");
        assertThatThrownBy(() -> Spectrum.of(p(1, 0, 0, 0, 0, 0, 0), 1.5f, 0)).hasMessageContaining("valence");
    }

    @Test
    void dimensionsComeFromTheAnchorsWeightedByProbability() {
        VadAnchors a = VadAnchors.NRC_VAD_2018;
        Spectrum happy = Spectrum.of(p(0, 1, 0, 0, 0, 0, 0), a);
        assertThat(happy.valence()).isEqualTo(a.anchor(EmotionCategory.HAPPINESS).valence());
        assertThat(happy.arousal()).isEqualTo(a.anchor(EmotionCategory.HAPPINESS).arousal());

        Spectrum mixed = Spectrum.of(p(0, 0.5f, 0.5f, 0, 0, 0, 0), a);
        float expectedValence = (a.anchor(EmotionCategory.HAPPINESS).valence() + a.anchor(EmotionCategory.SADNESS).valence()) / 2;
        assertThat(mixed.valence()).isCloseTo(expectedValence, within(1e-6f));
        // happiness is pleasant, sadness unpleasant; anger more aroused than sadness
        assertThat(a.anchor(EmotionCategory.HAPPINESS).valence()).isGreaterThan(0.5f);
        assertThat(a.anchor(EmotionCategory.SADNESS).valence()).isLessThan(-0.5f);
        assertThat(a.anchor(EmotionCategory.ANGER).arousal()).isGreaterThan(a.anchor(EmotionCategory.SADNESS).arousal());
        // NRC VAD 2018: anger valence 0.167 -> 2 * 0.167 - 1
        assertThat(a.anchor(EmotionCategory.ANGER).valence()).isCloseTo(-0.666f, within(1e-6f));
    }

    @Test
    void scoresWithNothingFiredReadAsNeutral() {
        Spectrum s = Spectrum.fromScores(new float[7], VadAnchors.NRC_VAD_2018);
        assertThat(s.dominant()).isEqualTo(EmotionCategory.NEUTRAL);
        assertThat(s.probability(EmotionCategory.NEUTRAL)).isEqualTo(1f);
        Spectrum scaled = Spectrum.fromScores(p(0, 2, 0, 2, 0, 0, 0), VadAnchors.NRC_VAD_2018);
        assertThat(scaled.probability(EmotionCategory.HAPPINESS)).isEqualTo(0.5f);
        assertThat(scaled.probability(EmotionCategory.ANGER)).isEqualTo(0.5f);
    }

    @Test
    void roundTripsThroughTheVectorAndIsImmutable() {
        Spectrum s = Spectrum.of(p(0.1f, 0.2f, 0.3f, 0.1f, 0.1f, 0.1f, 0.1f), 0.25f, -0.5f);
        assertThat(Spectrum.fromVector(s.toVector())).isEqualTo(s);
        float[] leaked = s.probabilities();
        leaked[0] = 0.9f;
        assertThat(s.probability(EmotionCategory.NEUTRAL)).isEqualTo(0.1f);
        float[] given = p(1, 0, 0, 0, 0, 0, 0);
        Spectrum t = Spectrum.of(given, 0, 0);
        given[0] = 0;
        assertThat(t.probability(EmotionCategory.NEUTRAL)).isEqualTo(1f);
    }

    @Test
    void readingChecksConfidenceAndRequiredFields() {
        Spectrum s = Spectrum.of(p(1, 0, 0, 0, 0, 0, 0), VadAnchors.NRC_VAD_2018);
        EmotionReading.Builder b = EmotionReading.builder().spectrum(s).modality(Modality.TEXT).model(new ModelId("m", "1"));
        assertThat(b.build().span()).isEqualTo(Span.WHOLE);
        assertThatThrownBy(() -> b.confidence(1.5f).build()).hasMessageContaining("confidence");
        assertThatThrownBy(() -> EmotionReading.builder().spectrum(s).modality(Modality.TEXT).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("model");
    }

    @Test
    void boxesAndSpansCheckThemselves() {
        assertThat(new BoundingBox(0, 0, 10, 10).iou(new BoundingBox(5, 0, 10, 10))).isCloseTo(50f / 150f, within(1e-6f));
        assertThat(new TimeSpan(1, 3).overlap(new TimeSpan(2, 5))).isEqualTo(1.0);
        assertThatThrownBy(() -> new TimeSpan(2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TextSpan(-1, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
