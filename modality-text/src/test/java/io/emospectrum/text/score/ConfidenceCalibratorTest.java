package io.emospectrum.text.score;

import io.emospectrum.error.ChecksumMismatchException;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelManifest;
import io.emospectrum.model.ModelSource;
import io.emospectrum.text.TextModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ConfidenceCalibratorTest {
    private static final float[] PEAKED = {0.70f, 0.10f, 0.08f, 0.05f, 0.04f, 0.02f, 0.01f};
    private static final float[] FLAT = {0.20f, 0.18f, 0.16f, 0.14f, 0.12f, 0.11f, 0.09f};

    private static Path bundled(Path cache) {
        return new ModelFiles(cache).materialize(ModelSource.classpath(TextModels.VARIANTS.get(TextModels.CORPORA_VARIANT),
                ConfidenceCalibratorTest.class), true);
    }

    @Test
    void retemperingReachesTheTargetAndKeepsTheOrderOfTheCategories() {
        for (double target : new double[]{0.2, 0.45, 0.7, 0.95}) {
            float[] q = ConfidenceCalibrator.withTop(PEAKED, target);
            assertThat(q[0]).isCloseTo((float) target, within(1e-3f));
            double sum = 0;
            for (int i = 0; i < q.length; i++) {
                sum += q[i];
                if (i > 0) {
                    assertThat(q[i]).isLessThanOrEqualTo(q[i - 1]);
                }
            }
            assertThat(sum).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void theShippedCalibratorIsSurerOfAPeakedReadingThanOfAFlatOneAndNeverCertain(@TempDir Path cache) {
        ConfidenceCalibrator c = ConfidenceCalibrator.readOrNull(bundled(cache));
        assertThat(c).isNotNull();
        assertThat(c.readsFeatures()).isFalse();
        assertThat(c.contextTemperature()).isBetween(0.1, 1.0);
        // both heads agree on the peaked reading and are as sure as it is
        double peaked = c.confidence(PEAKED, PEAKED, PEAKED, 12, 0f);
        double flat = c.confidence(FLAT, FLAT, FLAT, 12, 0f);
        assertThat(peaked).isGreaterThan(flat);
        assertThat(flat).isGreaterThan(1.0 / 7);
        assertThat(peaked).isLessThan(1.0);
        float[] applied = c.apply(PEAKED, PEAKED, PEAKED, 12, 0f);
        assertThat(applied[0]).isCloseTo((float) peaked, within(1e-3f));
    }

    @Test
    void theCalibratorIsListedInTheModelsManifestAndATamperedCopyIsRefused(@TempDir Path cache, @TempDir Path copy) throws Exception {
        Path dir = bundled(cache);
        assertThat(ModelManifest.read(dir.resolve(ModelManifest.FILE_NAME)).files()).containsKey(ConfidenceCalibrator.FILE_NAME);
        for (String f : List.copyOf(ModelManifest.read(dir.resolve(ModelManifest.FILE_NAME)).files().keySet())) {
            Files.copy(dir.resolve(f), copy.resolve(f));
        }
        Files.copy(dir.resolve(ModelManifest.FILE_NAME), copy.resolve(ModelManifest.FILE_NAME));
        new ModelFiles(cache).materialize(ModelSource.path(copy), true); // intact: verified and accepted
        Files.writeString(copy.resolve(ConfidenceCalibrator.FILE_NAME), " ", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> new ModelFiles(cache).materialize(ModelSource.path(copy), true))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining(ConfidenceCalibrator.FILE_NAME);
    }

    @Test
    void aCalibratorWhoseShapesDisagreeIsRefused() {
        assertThatThrownBy(() -> new ConfidenceCalibrator(List.of(ConfidenceCalibrator.Input.LOG_TOP), new double[]{0}, new double[]{1, 2},
                new double[]{1}, 0, new float[0], new float[0][], new float[0][], 0, 1, "test"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConfidenceCalibrator(List.of(ConfidenceCalibrator.Input.FAMILIARITY), new double[]{0}, new double[]{1},
                new double[]{1}, 0, new float[0], new float[0][], new float[0][], 0, 1, "test"))
                .hasMessageContaining("FAMILIARITY");
    }
}
