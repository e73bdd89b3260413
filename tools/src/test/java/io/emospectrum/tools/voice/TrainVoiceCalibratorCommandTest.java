package io.emospectrum.tools.voice;

import io.emospectrum.audio.model.VoiceConfidenceCalibrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrainVoiceCalibratorCommandTest {
    private static final List<String> NAMES = List.of("ravdess-gru", "speech-gru");

    @TempDir
    Path dir;

    /** A window whose ensemble puts {@code top} on category {@code c}, the rest spread evenly; both members agree. */
    private static VoiceCalibrationData.Window window(int c, double top, float reliability) {
        float[] p = new float[7];
        for (int j = 0; j < 7; j++) {
            p[j] = j == c ? (float) top : (float) ((1 - top) / 6);
        }
        return new VoiceCalibrationData.Window(reliability, p, new float[][] {p.clone(), p.clone()});
    }

    @Test
    void theCacheReadsBackAndTheSummaryIsTheProductPaths() throws Exception {
        List<VoiceCalibrationData.Clip> clips = List.of(
                new VoiceCalibrationData.Clip("a.wav", "ravdess", "ravdess-19", CorpusFeatures.CLEAN, 3,
                        List.of(window(3, 0.6, 1f), window(1, 0.5, 0.5f))),
                new VoiceCalibrationData.Clip("a.wav", "ravdess", "ravdess-19", CorpusFeatures.TELEPHONE, 3, List.of()),
                new VoiceCalibrationData.Clip("b.wav", "tess", "tess-yaf", CorpusFeatures.CLEAN, 1, List.of(window(1, 0.4, 0.8f))));
        Path f = dir.resolve("windows.tsv");
        VoiceCalibrationData.write(clips, NAMES, f);
        assertThat(VoiceCalibrationData.members(f)).isEqualTo(NAMES);
        List<VoiceCalibrationData.Clip> back = VoiceCalibrationData.read(f);
        assertThat(back).hasSize(3);
        assertThat(back.get(0).windows()).hasSize(2);
        assertThat(back.get(0).windows().get(1).combined()).containsExactly(clips.get(0).windows().get(1).combined(), within(1e-6f));
        assertThat(back.get(0).windows().get(1).members()[1]).containsExactly(clips.get(0).windows().get(1).members()[1], within(1e-6f));
        assertThat(back.get(1).windows()).isEmpty();
        assertThat(back.get(1).version()).isEqualTo(CorpusFeatures.TELEPHONE);

        // window confidences 0.6 x 1 and 0.5 x 0.5: the first weighs more, so category 3 wins; the clip's confidence is their mean
        VoiceCalibrationData.Summary s = VoiceCalibrationData.summarize(back.get(0), VoiceCalibrationData.Window::combined);
        assertThat(s.predicted()).isEqualTo(3);
        assertThat(s.confidence()).isCloseTo((0.6 + 0.25) / 2, within(1e-6));
        assertThat(VoiceCalibrationData.summarize(back.get(1), VoiceCalibrationData.Window::combined).predicted()).isEqualTo(-1);
    }

    @Test
    void theFittedCalibratorTracksHowOftenWindowsAreRight() {
        // Two corpora whose windows are right with probability 0.05 + 0.5 x (top - 0.2) / 0.7: less often than the top says.
        Random r = new Random(3);
        List<VoiceCalibrationData.Clip> clips = new ArrayList<>();
        for (String corpus : List.of("x", "y")) {
            for (int i = 0; i < 3000; i++) {
                double top = 0.2 + 0.7 * r.nextDouble();
                boolean right = r.nextDouble() < 0.05 + 0.5 * (top - 0.2) / 0.7;
                int truth = right ? 2 : 5;
                clips.add(new VoiceCalibrationData.Clip("c" + i, corpus, corpus + "-1", CorpusFeatures.CLEAN, truth, List.of(window(2, top, 1f))));
            }
        }
        TrainVoiceCalibratorCommand.Candidate top = TrainVoiceCalibratorCommand.CANDIDATES.stream()
                .filter(c -> c.name().equals("logistic (window): top")).findFirst().orElseThrow();
        VoiceConfidenceCalibrator cal = TrainVoiceCalibratorCommand.fitCalibrator(top, clips, NAMES, "test");
        // A logistic in log(top) is not the straight line exactly; within a few points of it where the data is dense.
        for (double p : new double[] {0.35, 0.55, 0.75}) {
            VoiceCalibrationData.Window w = window(2, p, 1f);
            assertThat(cal.confidence(w.combined(), w.members(), NAMES)).as("top %.2f", p).isCloseTo(0.05 + 0.5 * (p - 0.2) / 0.7, within(0.06));
        }
        // re-tempered windows: confidence as fitted, and the clip-level ECE of the fit is small
        assertThat(TrainVoiceCalibratorCommand.clipMetrics(clips, w -> cal.apply(w.combined(), w.members(), NAMES)).ece()).isLessThan(0.04);
        assertThat(TrainVoiceCalibratorCommand.clipMetrics(clips, VoiceCalibrationData.Window::combined).ece()).isGreaterThan(0.1);
    }

    @Test
    void theRuleTakesTheLowestLargestEceThenTheMeanThenFewerInputs() {
        Map<String, double[]> worst = new LinkedHashMap<>();
        worst.put(TrainVoiceCalibratorCommand.AS_SHIPPED, new double[] {0.20, 0.12});
        worst.put("logistic (window): top", new double[] {0.19, 0.10});
        worst.put("logistic (window): top, members", new double[] {0.17, 0.11});
        worst.put("minimax (clip): top", new double[] {0.16, 0.13});
        // within 0.02 of the lowest largest (0.16): top (0.19) is out; the lowest mean among the rest: top, members (0.11)
        assertThat(TrainVoiceCalibratorCommand.choose(worst)).isEqualTo("logistic (window): top, members");
        worst.put("logistic (clip): top", new double[] {0.17, 0.11});
        assertThat(TrainVoiceCalibratorCommand.choose(worst)).as("same mean: fewer inputs").isEqualTo("logistic (clip): top");
    }
}
