package io.emospectrum.tools.voice;

import io.emospectrum.audio.features.FeatureConfig;
import io.emospectrum.audio.model.VoiceModelConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CorpusVoiceTrainingTest {
    private static final VoiceModelConfig CONFIG = new VoiceModelConfig("t", "0", SpeechCorpora.LABELS, FeatureConfig.DEFAULT,
            100, 25, 2, 16, 8, 1, false, 0f, false, true, null, null, null, null, 1, 1f);

    @Test
    void cutsTheWindowsTheExtractorCuts() {
        // 2.39 s (RAVDESS): windows at 0, 0.5 s, then the tail aligned to the end
        assertThat(CorpusVoiceTraining.windows(CONFIG, 119)).extracting(w -> w[0] + "-" + w[1]).containsExactly("0-100", "19-119");
        assertThat(CorpusVoiceTraining.windows(CONFIG, 100)).extracting(w -> w[0] + "-" + w[1]).containsExactly("0-100");
        // a short clip is one window of its even length; one under half a second is not read
        assertThat(CorpusVoiceTraining.windows(CONFIG, 51)).extracting(w -> w[0] + "-" + w[1]).containsExactly("0-50");
        assertThat(CorpusVoiceTraining.windows(CONFIG, 24)).isEmpty();
    }

    @Test
    void aHigherTemperatureLowersConfidenceButKeepsTheChoice() {
        int[] identity = {0, 1, 2, 3, 4, 5, 6};
        float[] p = {0.7f, 0.1f, 0.05f, 0.05f, 0.04f, 0.03f, 0.03f};
        CorpusVoiceTraining.ClipScore clip = new CorpusVoiceTraining.ClipScore(0, "c", "s", new float[][] {p, p}, new float[] {1f, 0.5f}, identity);
        CorpusVoiceTraining.Outcome t1 = clip.outcome(1);
        CorpusVoiceTraining.Outcome t2 = clip.outcome(2);
        assertThat(t1.predicted()).isZero();
        assertThat(t2.predicted()).isZero();
        // mean of the windows' top probability times their reliability
        assertThat(t1.confidence()).isCloseTo((0.7 + 0.35) / 2, within(1e-5));
        assertThat(t2.confidence()).isLessThan(t1.confidence());
        CorpusVoiceTraining.ClipScore silent = new CorpusVoiceTraining.ClipScore(0, "c", "s", new float[0][], new float[0], identity);
        assertThat(silent.outcome(1).predicted()).isEqualTo(-1);
        assertThat(silent.outcome(1).confidence()).isZero();
    }

    @Test
    void metricsCountMacroF1OverTheClassesPresent() {
        int[] identity = {0, 1, 2, 3, 4, 5, 6};
        float[] zero = {0.9f, 0.1f, 0, 0, 0, 0, 0};
        float[] one = {0.1f, 0.9f, 0, 0, 0, 0, 0};
        List<CorpusVoiceTraining.ClipScore> clips = List.of(
                new CorpusVoiceTraining.ClipScore(0, "c", "s", new float[][] {zero}, new float[] {1f}, identity),
                new CorpusVoiceTraining.ClipScore(0, "c", "s", new float[][] {one}, new float[] {1f}, identity),
                new CorpusVoiceTraining.ClipScore(1, "c", "s", new float[][] {one}, new float[] {1f}, identity));
        CorpusVoiceTraining.Metrics m = CorpusVoiceTraining.Metrics.of(clips, 1);
        assertThat(m.accuracy()).isCloseTo(2 / 3.0, within(1e-9));
        // class 0: P 1, R 1/2 -> F1 2/3; class 1: P 1/2, R 1 -> 2/3
        assertThat(m.macroF1()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(m.meanConfidence()).isCloseTo(0.9, within(1e-6));
    }
}
