package io.emospectrum.text.score;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ConfidenceCalibrationTest {

    @Test
    void aTemperatureAboveOneFlattensWithoutReorderingAndTheResultSumsToOne() {
        float[] scores = {0.9f, 0.05f, 0.03f, 0.02f, 0f, 0f, 0f};
        float[] p = new ConfidenceCalibration(3.0, "test").apply(scores);
        assertThat(p[0]).isLessThan(0.9f).isGreaterThan(p[1]);
        assertThat(p[1]).isGreaterThan(p[2]);
        assertThat(p[2]).isGreaterThan(p[3]);
        assertThat(p[4]).isZero();
        double sum = 0;
        for (float v : p) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-6));
        // p^(1/3) normalized, by hand
        double z = Math.cbrt(0.9) + Math.cbrt(0.05) + Math.cbrt(0.03) + Math.cbrt(0.02);
        assertThat((double) p[0]).isCloseTo(Math.cbrt(0.9) / z, within(1e-6));
    }

    @Test
    void temperatureOneOnlyNormalizesAndTinyScoresDoNotUnderflow() {
        assertThat(ConfidenceCalibration.none().apply(new float[]{2f, 2f, 0f})).containsExactly(0.5f, 0.5f, 0f);
        float[] p = new ConfidenceCalibration(0.05, "sharp").apply(new float[]{1e-30f, 2e-30f});
        assertThat(p[1]).isGreaterThan(0.99f);
        assertThat(new ConfidenceCalibration(2, "x").apply(new float[]{0f, 0f})).containsExactly(0f, 0f);
    }

    @Test
    void readsWhatItWritesAndAModelWithoutTheFileIsUncalibrated(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThat(ConfidenceCalibration.readOrNone(dir).isIdentity()).isTrue();
        new ConfidenceCalibration(2.5, "dev").write(dir.resolve(ConfidenceCalibration.FILE_NAME));
        assertThat(ConfidenceCalibration.readOrNone(dir)).isEqualTo(new ConfidenceCalibration(2.5, "dev"));
        Files.writeString(dir.resolve(ConfidenceCalibration.FILE_NAME), "{\"temperature\": -1}");
        assertThatThrownBy(() -> ConfidenceCalibration.readOrNone(dir)).hasMessageContaining("temperature");
    }
}
