package io.emospectrum.audio.model;

import io.emospectrum.error.ModelLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class VoiceConfidenceCalibratorTest {
    private static final List<String> MEMBERS = List.of("a", "b");
    private static final List<String> INPUTS = List.of("LOG_TOP", "MEMBER_LOG_TOP:a", "MEMBER_LOG_AT_TOP:b", "AGREEMENT");

    @TempDir
    Path tmp;

    private static VoiceConfidenceCalibrator calibrator() {
        return new VoiceConfidenceCalibrator(INPUTS, new double[] {-1.2, -0.5, -1.5, 0.5}, new double[] {0.4, 0.3, 0.8, 0.5},
                new double[] {0.9, -0.3, 0.4, 0.6}, -0.2, "test");
    }

    @Test
    void confidenceIsTheFittedLogisticAndBecomesTheTopProbabilityOfTheSameCategory() {
        VoiceConfidenceCalibrator c = calibrator();
        float[] p = {0.10f, 0.45f, 0.20f, 0.05f, 0.08f, 0.07f, 0.05f};
        float[][] members = {{0.05f, 0.70f, 0.10f, 0.05f, 0.04f, 0.03f, 0.03f}, {0.30f, 0.25f, 0.20f, 0.05f, 0.08f, 0.07f, 0.05f}};
        // by hand: member a agrees with the ensemble (happy), member b's top is neutral
        double[] x = {Math.log(0.45), Math.log(0.70), Math.log(0.25), 0};
        double z = -0.2;
        for (int i = 0; i < x.length; i++) {
            z += c.weights()[i] * (x[i] - c.inputMean()[i]) / c.inputScale()[i];
        }
        double expected = 1 / (1 + Math.exp(-z));
        assertThat(c.confidence(p, members, MEMBERS)).isCloseTo(expected, within(1e-6));

        float[] q = c.apply(p, members, MEMBERS);
        assertThat(q[1]).isCloseTo((float) expected, within(1e-4f));
        double sum = 0;
        for (float v : q) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-5));
        // the order of the categories is kept: the dominant one, and every comparison
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                if (p[i] > p[j]) {
                    assertThat(q[i]).isGreaterThanOrEqualTo(q[j]);
                }
            }
        }
        // agreement raises confidence (its weight is positive): member b backing the ensemble's choice
        float[][] agreeing = {members[0], {0.10f, 0.50f, 0.20f, 0.05f, 0.05f, 0.05f, 0.05f}};
        assertThat(c.confidence(p, agreeing, MEMBERS)).isGreaterThan(expected);
    }

    @Test
    void confidenceStaysBetweenAGuessAndCertainty() {
        VoiceConfidenceCalibrator sure = new VoiceConfidenceCalibrator(List.of("LOG_TOP"), new double[] {0}, new double[] {1},
                new double[] {0}, 40, "test");
        VoiceConfidenceCalibrator unsure = new VoiceConfidenceCalibrator(List.of("LOG_TOP"), new double[] {0}, new double[] {1},
                new double[] {0}, -40, "test");
        float[] p = {0.2f, 0.3f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f};
        float[][] m = {p, p};
        assertThat(sure.apply(p, m, MEMBERS)[1]).isLessThan(1f).isGreaterThan(0.99f);
        float[] flat = unsure.apply(p, m, MEMBERS);
        assertThat(flat[1]).isGreaterThan(1f / 7).isLessThan(1f / 7 + 0.01f);
        assertThat(VoiceConfidenceCalibrator.kind("MARGIN")).isEqualTo(VoiceConfidenceCalibrator.Kind.MARGIN);
    }

    @Test
    void aWrittenCalibratorReadsBackAndABadOneIsATypedError() throws Exception {
        calibrator().write(tmp.resolve(VoiceConfidenceCalibrator.FILE_NAME));
        VoiceConfidenceCalibrator back = VoiceConfidenceCalibrator.readOrNull(tmp, MEMBERS);
        float[] p = {0.1f, 0.4f, 0.2f, 0.1f, 0.1f, 0.05f, 0.05f};
        float[][] m = {p, p};
        assertThat(back.confidence(p, m, MEMBERS)).isEqualTo(calibrator().confidence(p, m, MEMBERS));
        assertThat(VoiceConfidenceCalibrator.readOrNull(tmp.resolve("none"), MEMBERS)).isNull();

        // a member the ensemble does not have
        assertThatThrownBy(() -> VoiceConfidenceCalibrator.readOrNull(tmp, List.of("a", "c")))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("MEMBER_LOG_AT_TOP:b");
        // an input nobody knows, a missing weight, broken JSON
        String json = Files.readString(tmp.resolve(VoiceConfidenceCalibrator.FILE_NAME));
        for (String bad : List.of(json.replace("\"AGREEMENT\"", "\"LOUDNESS\""), json.replace("\"weights\"", "\"w\""),
                json.substring(0, json.length() / 2))) {
            Files.writeString(tmp.resolve(VoiceConfidenceCalibrator.FILE_NAME), bad);
            assertThatThrownBy(() -> VoiceConfidenceCalibrator.readOrNull(tmp, MEMBERS)).isInstanceOf(ModelLoadException.class);
        }
        assertThatThrownBy(() -> new VoiceConfidenceCalibrator(List.of("MEMBER_LOG_TOP"), new double[1], new double[] {1},
                new double[1], 0, "x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a member");
    }
}
