package io.emospectrum.fusion.align;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.fusion.FusedReading;
import io.emospectrum.fusion.ModalityReliability;
import io.emospectrum.fusion.SpectrumFuser;
import io.emospectrum.fusion.pool.WeightedLinearPooling;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spectrum.TimeSpan;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.emospectrum.fusion.TestReadings.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TimelineAlignerTest {
    private final List<FusedReading> out = new ArrayList<>();
    private final SpectrumFuser fuser = new SpectrumFuser(new WeightedLinearPooling(), ModalityReliability.EQUAL);

    private TimelineAligner.Builder aligner() {
        return TimelineAligner.builder().grid(new WindowGrid(1, 1)).fuser(fuser).listener(out::add);
    }

    @Test
    void resamplesFramesAndVoiceWindowsOntoTheGrid() {
        TimelineAligner a = aligner().build();
        // two face frames (instants) in window 0, a voice window [0.5, 1.5) straddling windows 0 and 1
        a.accept(reading(Modality.FACE, EmotionCategory.HAPPINESS, 1.0f, 0.25, 0.25, null));
        a.accept(reading(Modality.FACE, EmotionCategory.SADNESS, 0.5f, 0.75, 0.75, null));
        a.accept(reading(Modality.VOICE, EmotionCategory.ANGER, 0.8f, 0.5, 1.5, null));
        a.finish();

        assertThat(out).hasSize(2);
        FusedReading w0 = out.get(0);
        assertThat(w0.reading().span().time()).isEqualTo(new TimeSpan(0, 1));
        assertThat(w0.modalities()).containsExactly(Modality.FACE, Modality.VOICE);
        EmotionReading face = w0.source(Modality.FACE).orElseThrow();
        // confidence-weighted mean of the frames: (1.0 * happy + 0.5 * sad) / 1.5; confidence = mean 0.75
        assertThat(face.spectrum().probability(EmotionCategory.HAPPINESS)).isCloseTo(2 / 3f, within(1e-6f));
        assertThat(face.spectrum().probability(EmotionCategory.SADNESS)).isCloseTo(1 / 3f, within(1e-6f));
        assertThat(face.confidence()).isCloseTo(0.75f, within(1e-6f));
        // the voice window covers half of window 0: confidence 0.8 x 0.5
        EmotionReading voice = w0.source(Modality.VOICE).orElseThrow();
        assertThat(voice.confidence()).isCloseTo(0.4f, within(1e-6f));
        assertThat(voice.span().time()).isEqualTo(new TimeSpan(0, 1));
        assertThat(w0.weights().get(0)).isCloseTo(0.75 / 1.15, within(1e-6));
        assertThat(w0.reading().spectrum().probability(EmotionCategory.HAPPINESS))
                .isCloseTo((float) (0.75 / 1.15 * 2 / 3), within(1e-6f));
        assertThat(w0.reading().spectrum().probability(EmotionCategory.ANGER)).isCloseTo((float) (0.4 / 1.15), within(1e-6f));
        assertThat(w0.reading().dominant()).isEqualTo(EmotionCategory.HAPPINESS);

        FusedReading w1 = out.get(1);
        assertThat(w1.reading().span().time()).isEqualTo(new TimeSpan(1, 2));
        assertThat(w1.modalities()).containsExactly(Modality.VOICE);
        assertThat(w1.reading().dominant()).isEqualTo(EmotionCategory.ANGER);
        assertThat(w1.disagreement()).isZero();
    }

    @Test
    void fusesPerSubjectAndJoinsBroadcastModalitiesToEachSubject() {
        TimelineAligner a = aligner().broadcast(Set.of(Modality.VOICE, Modality.TEXT)).build();
        a.accept(reading(Modality.FACE, EmotionCategory.HAPPINESS, 1f, 0.2, 0.2, "track-2"));
        a.accept(reading(Modality.FACE, EmotionCategory.FEAR, 1f, 0.4, 0.4, "track-1"));
        a.accept(reading(Modality.VOICE, EmotionCategory.FEAR, 1f, 0, 1, "channel-0"));
        a.accept(reading(Modality.TEXT, EmotionCategory.FEAR, 1f, 1.2, 1.8, null));
        a.finish();

        assertThat(out).extracting(f -> f.reading().subject()).containsExactly("track-1", "track-2", null);
        FusedReading t1 = out.get(0);
        FusedReading t2 = out.get(1);
        assertThat(t1.modalities()).containsExactly(Modality.FACE, Modality.VOICE);
        assertThat(t2.modalities()).containsExactly(Modality.FACE, Modality.VOICE);
        assertThat(t1.disagreement()).isZero();
        assertThat(t2.disagreement()).isCloseTo(1.0, within(1e-9));
        assertThat(t2.source(Modality.VOICE).orElseThrow().subject()).isEqualTo("track-2");
        // window 1 has no face: the subtitle forms a window of its own; 0.6 s of 1 s covered
        FusedReading w1 = out.get(2);
        assertThat(w1.reading().span().time()).isEqualTo(new TimeSpan(1, 2));
        assertThat(w1.modalities()).containsExactly(Modality.TEXT);
        assertThat(w1.reading().confidence()).isCloseTo(0.6f, within(1e-6f));
    }

    @Test
    void emitsAWindowOnlyWhenEveryAwaitedModalityHasPassedIt() {
        TimelineAligner a = aligner().awaiting(Set.of(Modality.FACE, Modality.VOICE)).build();
        a.accept(reading(Modality.FACE, EmotionCategory.HAPPINESS, 1f, 0.5, 0.5, null));
        a.accept(reading(Modality.FACE, EmotionCategory.HAPPINESS, 1f, 1.5, 1.5, null));
        a.advance(Modality.FACE, 1.5);
        assertThat(out).isEmpty();
        assertThat(a.pendingWindows()).isEqualTo(2);

        a.accept(reading(Modality.VOICE, EmotionCategory.SADNESS, 1f, 0, 1, null));
        a.advance(Modality.VOICE, 1.0);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).modalities()).containsExactly(Modality.FACE, Modality.VOICE);
        assertThat(a.pendingWindows()).isEqualTo(1);

        // a voice reading for the emitted window loses its share there and is counted late
        a.accept(reading(Modality.VOICE, EmotionCategory.SADNESS, 1f, 0.5, 2.0, null));
        assertThat(a.lateReadings()).isEqualTo(1);
        a.finish();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).modalities()).containsExactly(Modality.FACE, Modality.VOICE);
        assertThat(a.emitted()).isEqualTo(2);
    }

    @Test
    void overlappingWindowsEachGetTheirShare() {
        TimelineAligner a = TimelineAligner.builder().grid(new WindowGrid(2, 1)).fuser(fuser).listener(out::add).build();
        a.accept(reading(Modality.TEXT, EmotionCategory.DISGUST, 1f, 1.0, 2.0, null));
        a.finish();
        // [0,2) and [1,3) each contain the whole second: coverage 1/2
        assertThat(out).extracting(f -> f.reading().span().time()).containsExactly(new TimeSpan(0, 2), new TimeSpan(1, 3));
        assertThat(out).allSatisfy(f -> assertThat(f.reading().confidence()).isCloseTo(0.5f, within(1e-6f)));
    }

    @Test
    void refusesReadingsWithoutATimeAndAfterFinish() {
        TimelineAligner a = aligner().build();
        EmotionReading noTime = EmotionReading.builder()
                .spectrum(reading(Modality.TEXT, EmotionCategory.FEAR, 1f, 0, 1, null).spectrum())
                .modality(Modality.TEXT).model(new ModelId("t", "0")).build();
        assertThatThrownBy(() -> a.accept(noTime)).isInstanceOf(InvalidInputException.class).hasMessageContaining("time span");
        a.finish();
        assertThatThrownBy(() -> a.accept(reading(Modality.TEXT, EmotionCategory.FEAR, 1f, 0, 1, null)))
                .isInstanceOf(IllegalStateException.class);
    }
}
