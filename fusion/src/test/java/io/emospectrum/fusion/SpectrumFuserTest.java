package io.emospectrum.fusion;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.fusion.pool.LogLinearPooling;
import io.emospectrum.fusion.pool.WeightedLinearPooling;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.Span;
import io.emospectrum.spectrum.TimeSpan;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.emospectrum.fusion.TestReadings.probs;
import static io.emospectrum.fusion.TestReadings.reading;
import static io.emospectrum.fusion.TestReadings.spectrum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SpectrumFuserTest {
    private static final Span WINDOW = Span.of(new TimeSpan(2, 3));

    @Test
    void weightsAreReliabilityTimesConfidence() {
        // face: reliability 0.6 x confidence 0.5 = 0.3; voice: 0.3 x 1.0 = 0.3; text 0.1 x 0.0 = 0
        SpectrumFuser fuser = new SpectrumFuser(new WeightedLinearPooling(), ModalityReliability.of(0.6, 0.3, 0.1));
        EmotionReading face = reading(Modality.FACE, spectrum(probs(0f, 1f), 0.8f, 0.4f), 0.5f, 2, 2, "track-1");
        EmotionReading voice = reading(Modality.VOICE, spectrum(probs(0f, 0f, 0f, 1f), -0.6f, 0.8f), 1.0f, 2, 3, null);
        EmotionReading text = reading(Modality.TEXT, spectrum(probs(0f, 0f, 1f), -0.8f, -0.3f), 0.0f, 1, 4, null);

        FusedReading fused = fuser.fuse(List.of(face, voice, text), WINDOW, "track-1");

        assertThat(fused.weights()).containsExactly(0.5, 0.5, 0.0);
        assertThat(fused.reading().spectrum().probabilities())
                .containsExactly(new float[] {0, 0.5f, 0, 0.5f, 0, 0, 0}, within(1e-6f));
        assertThat(fused.reading().spectrum().valence()).isCloseTo(0.1f, within(1e-6f));
        assertThat(fused.reading().spectrum().arousal()).isCloseTo(0.6f, within(1e-6f));
        // weighted mean confidence: 0.5 * 0.5 + 0.5 * 1.0
        assertThat(fused.reading().confidence()).isCloseTo(0.75f, within(1e-6f));
        assertThat(fused.reading().modality()).isEqualTo(Modality.FUSED);
        assertThat(fused.reading().model().name()).isEqualTo("fusion-linear");
        assertThat(fused.reading().subject()).isEqualTo("track-1");
        assertThat(fused.reading().span()).isEqualTo(WINDOW);
        assertThat(fused.sources()).containsExactly(face, voice, text);
        assertThat(fused.modalities()).containsExactly(Modality.TEXT, Modality.FACE, Modality.VOICE);
        // three one-hot distributions on different categories: log2(3) bits, whatever the weights
        assertThat(fused.disagreement()).isCloseTo(Math.log(3) / Math.log(2), within(1e-9));
    }

    @Test
    void agreeingModalitiesDisagreeLessThanConflictingOnes() {
        SpectrumFuser fuser = new SpectrumFuser(new LogLinearPooling(), ModalityReliability.EQUAL);
        EmotionReading happyFace = reading(Modality.FACE, spectrum(probs(0.1f, 0.8f, 0.1f), 0.7f, 0.3f), 1f, 0, 1, null);
        EmotionReading happyVoice = reading(Modality.VOICE, spectrum(probs(0.2f, 0.7f, 0.1f), 0.6f, 0.4f), 1f, 0, 1, null);
        EmotionReading angryVoice = reading(Modality.VOICE, spectrum(probs(0.1f, 0.1f, 0f, 0.8f), -0.6f, 0.8f), 1f, 0, 1, null);

        FusedReading agree = fuser.fuse(List.of(happyFace, happyVoice), WINDOW, null);
        FusedReading conflict = fuser.fuse(List.of(happyFace, angryVoice), WINDOW, null);

        assertThat(agree.reading().dominant()).isEqualTo(EmotionCategory.HAPPINESS);
        assertThat(conflict.disagreement()).isGreaterThan(agree.disagreement() + 0.3);
    }

    @Test
    void untrustedSourcesGiveAZeroConfidenceEqualMix() {
        SpectrumFuser fuser = new SpectrumFuser(new WeightedLinearPooling(), ModalityReliability.EQUAL);
        FusedReading fused = fuser.fuse(List.of(
                reading(Modality.FACE, EmotionCategory.HAPPINESS, 0f, 0, 1, null),
                reading(Modality.VOICE, EmotionCategory.SADNESS, 0f, 0, 1, null)), WINDOW, null);
        assertThat(fused.reading().confidence()).isZero();
        assertThat(fused.weights()).containsExactly(0.5, 0.5);
    }

    @Test
    void rejectsNoSourcesAndFusedSources() {
        SpectrumFuser fuser = new SpectrumFuser(new WeightedLinearPooling(), ModalityReliability.EQUAL);
        assertThatThrownBy(() -> fuser.fuse(List.of(), WINDOW, null)).isInstanceOf(InvalidInputException.class);
        FusedReading fused = fuser.fuse(List.of(reading(Modality.FACE, EmotionCategory.FEAR, 1f, 0, 1, null)), WINDOW, null);
        assertThatThrownBy(() -> fuser.fuse(List.of(fused.reading()), WINDOW, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("fused");
    }
}
