package io.emospectrum.text.score;

import io.emospectrum.error.ChecksumMismatchException;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelManifest;
import io.emospectrum.model.ModelSource;
import io.emospectrum.spectrum.Spectrum;
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

    /** A calibrator that reads the top probability and two text cues: a question or an irony marker lowers confidence. */
    private static ConfidenceCalibrator readingCues() {
        return new ConfidenceCalibrator(List.of(ConfidenceCalibrator.Input.LOG_TOP, ConfidenceCalibrator.Input.QUESTION,
                ConfidenceCalibrator.Input.IRONY), new double[]{-1, 0.2, 0.05}, new double[]{0.5, 0.4, 0.2}, new double[]{1.0, -1.5, -1.0},
                0, new float[0], new float[0][], new float[0][], 0, 1, "test: reads text cues");
    }

    @Test
    void aCalibratorReadingTextCuesIsLessSureOfAQuestionAndOfIronyAndKeepsTheDominantCategory(@TempDir Path dir) throws Exception {
        ConfidenceCalibrator c = readingCues();
        c.write(dir.resolve(ConfidenceCalibrator.FILE_NAME));
        ConfidenceCalibrator read = ConfidenceCalibrator.readOrNull(dir);
        assertThat(read.inputs()).isEqualTo(c.inputs());
        assertThat(read.readsText()).isTrue();
        TextCues statement = TextCues.of("The train was late again and I am furious.");
        TextCues question = TextCues.of("Was the train late again this morning?");
        TextCues irony = TextCues.of("Oh great, another Monday. Just what I needed.");
        double plain = read.confidence(PEAKED, null, null, 9, 0f, statement);
        assertThat(read.confidence(PEAKED, null, null, 9, 0f, question)).isLessThan(plain - 0.1);
        assertThat(read.confidence(PEAKED, null, null, 9, 0f, irony)).isLessThan(plain - 0.1);
        // without cues (a caller that has no text) it reads as the statement does
        assertThat(read.confidence(PEAKED, null, null, 9, 0f)).isCloseTo(plain, within(1e-12));
        for (float[] p : new float[][]{PEAKED, FLAT, {0.05f, 0.1f, 0.4f, 0.3f, 0.05f, 0.05f, 0.05f}}) {
            for (TextCues cues : List.of(statement, question, irony)) {
                float[] q = read.apply(p, null, null, 9, 0f, cues);
                assertThat(Spectrum.dominantIndex(q)).isEqualTo(Spectrum.dominantIndex(p));
                assertThat(q[Spectrum.dominantIndex(q)]).isCloseTo((float) read.confidence(p, null, null, 9, 0f, cues), within(1e-3f));
            }
        }
    }

    @Test
    void theShippedCalibratorReadsNoTextCues(@TempDir Path cache) {
        // the cue inputs were compared and none was chosen (docs/experiments/2026-12-06-text-confidence-cues.md)
        ConfidenceCalibrator c = ConfidenceCalibrator.readOrNull(bundled(cache));
        assertThat(c.readsText()).isFalse();
        assertThat(c.confidence(PEAKED, PEAKED, PEAKED, 9, 0f, TextCues.of("Was the train late again?")))
                .isEqualTo(c.confidence(PEAKED, PEAKED, PEAKED, 9, 0f, TextCues.NONE));
    }

    @Test
    void aModelWhoseCalibratorReadsCuesIsVerifiedLikeAnyOtherAndATamperedCopyIsRefused(@TempDir Path cache, @TempDir Path copy)
            throws Exception {
        Path dir = bundled(cache);
        for (String f : List.copyOf(ModelManifest.read(dir.resolve(ModelManifest.FILE_NAME)).files().keySet())) {
            Files.copy(dir.resolve(f), copy.resolve(f));
        }
        readingCues().write(copy.resolve(ConfidenceCalibrator.FILE_NAME));
        StringBuilder sums = new StringBuilder();
        for (String f : ModelManifest.read(dir.resolve(ModelManifest.FILE_NAME)).files().keySet()) {
            sums.append(ModelManifest.sha256(copy.resolve(f))).append("  ").append(f).append('\n');
        }
        Files.writeString(copy.resolve(ModelManifest.FILE_NAME), sums.toString());
        Path accepted = new ModelFiles(cache).materialize(ModelSource.path(copy), true);
        assertThat(ConfidenceCalibrator.readOrNull(accepted).readsText()).isTrue();
        // flip the sign of the question's weight: the file no longer matches its checksum
        Path file = copy.resolve(ConfidenceCalibrator.FILE_NAME);
        Files.writeString(file, Files.readString(file).replace("-1.5", "1.5"));
        assertThatThrownBy(() -> new ModelFiles(cache).materialize(ModelSource.path(copy), true))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining(ConfidenceCalibrator.FILE_NAME);
    }

    @Test
    void aCalibratorNamingAnInputThatDoesNotExistIsRefusedWithATypedError(@TempDir Path dir) throws Exception {
        readingCues().write(dir.resolve(ConfidenceCalibrator.FILE_NAME));
        Path file = dir.resolve(ConfidenceCalibrator.FILE_NAME);
        Files.writeString(file, Files.readString(file).replace("\"IRONY\"", "\"SARCASM\""));
        assertThatThrownBy(() -> ConfidenceCalibrator.readOrNull(dir))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("SARCASM");
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
