package io.emospectrum.audio.model;

import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ChecksumMismatchException;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelManifest;
import io.emospectrum.model.ModelSource;
import io.emospectrum.spectrum.Spectrum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The two bundled nets as one ensemble directory, against each net loaded on its own. */
class VoiceEnsembleTest {
    private static final List<String> SEVEN = List.of("neutral", "happy", "sad", "angry", "fearful", "disgust", "surprised");

    @TempDir
    Path tmp;

    @Test
    void theEnsembleCombinesItsMembersInTheSevenCategoriesAndCalibratesOnce() throws Exception {
        ModelFiles files = new ModelFiles(tmp.resolve("cache"));
        Path mean = ensemble(tmp.resolve("mean"), VoiceEnsembleConfig.Combination.MEAN, 2f);
        Path logLinear = ensemble(tmp.resolve("log-linear"), VoiceEnsembleConfig.Combination.LOG_LINEAR, 1f);
        try (VoiceModel ravdess = VoiceModel.load(ModelSource.bundled(VoiceModel.RAVDESS_GRU, VoiceModel.class,
                VoiceModel.RAVDESS_GRU_MANIFEST_SHA256), null, DeviceChoice.CPU, files);
             VoiceModel speech = VoiceModel.load(ModelSource.bundled(VoiceModel.SPEECH_GRU, VoiceModel.class,
                     VoiceModel.SPEECH_GRU_MANIFEST_SHA256), null, DeviceChoice.CPU, files);
             VoiceModel m = VoiceModel.load(ModelSource.path(mean), null, DeviceChoice.CPU, files);
             VoiceModel g = VoiceModel.load(ModelSource.path(logLinear), null, DeviceChoice.CPU, files)) {
            assertThat(m.nets()).isEqualTo(2);
            assertThat(m.config().labels()).isEqualTo(SEVEN);
            assertThat(m.id().name()).isEqualTo("ensemble-test");
            assertThat(m.config().windowFrames()).isEqualTo(speech.config().windowFrames());

            // A window of unnormalized features near the training data: the ensemble's input.
            VoiceModelConfig rc = ravdess.config();
            VoiceModelConfig sc = speech.config();
            Random r = new Random(11);
            float[][] raw = new float[rc.windowFrames()][rc.featureMean().length];
            for (float[] row : raw) {
                for (int d = 0; d < row.length; d++) {
                    row[d] = rc.featureMean()[d] + rc.featureStd()[d] * (float) r.nextGaussian();
                }
            }
            float[] pr = ravdess.predict(java.util.Collections.singletonList(normalize(raw, rc))).get(0);
            float[] ps = speech.predict(java.util.Collections.singletonList(normalize(raw, sc))).get(0);
            // RAVDESS's eight labels in the seven categories: calm is neutral.
            float[] pr7 = {pr[0] + pr[1], pr[2], pr[3], pr[4], pr[5], pr[6], pr[7]};

            float[] expectMean = new float[7];
            float[] expectLog = new float[7];
            double zm = 0;
            double zl = 0;
            for (int j = 0; j < 7; j++) {
                expectMean[j] = (float) Math.pow((pr7[j] + ps[j]) / 2, 1 / 2.0); // temperature 2
                expectLog[j] = (float) Math.sqrt(pr7[j] * ps[j]);
                zm += expectMean[j];
                zl += expectLog[j];
            }
            float[] gotMean = m.predict(java.util.Collections.singletonList(raw)).get(0);
            float[] gotLog = g.predict(java.util.Collections.singletonList(raw)).get(0);
            for (int j = 0; j < 7; j++) {
                assertThat(gotMean[j]).as(SEVEN.get(j)).isCloseTo((float) (expectMean[j] / zm), within(1e-4f));
                assertThat(gotLog[j]).as(SEVEN.get(j)).isCloseTo((float) (expectLog[j] / zl), within(1e-4f));
            }
            // Temperature 2 flattens: the top probability is below the plain mean's.
            float top = 0;
            float plainTop = 0;
            for (int j = 0; j < 7; j++) {
                top = Math.max(top, gotMean[j]);
                plainTop = Math.max(plainTop, (pr7[j] + ps[j]) / 2);
            }
            assertThat(top).isLessThan(plainTop);
            // Batches give what single windows give.
            List<float[]> batch = m.predict(List.<float[][]>of(raw, raw));
            assertThat(batch.get(1)).containsExactly(gotMean, within(1e-5f));
        }
    }

    @Test
    void membersThatReadOtherWindowsOrAnAlteredFileAreRefused() throws Exception {
        ModelFiles files = new ModelFiles(tmp.resolve("cache"));
        Path dir = ensemble(tmp.resolve("bad-window"), VoiceEnsembleConfig.Combination.MEAN, 1f);
        Path member = dir.resolve(VoiceEnsembleConfig.memberConfigFile("speech-gru"));
        VoiceModelConfig c = VoiceModelConfig.read(member);
        new VoiceModelConfig(c.name(), c.version(), c.labels(), c.features(), c.windowFrames(), c.hopFrames() * 2, c.stack(),
                c.projection(), c.hidden(), c.layers(), c.bidirectional(), c.dropout(), c.cepstralMeanNormalization(),
                c.relativePitch(), c.featureMean(), c.featureStd(), c.members(), c.training(), c.branches(), c.temperature())
                .write(member);
        writeSums(dir);
        assertThatThrownBy(() -> VoiceModel.load(ModelSource.path(dir), null, DeviceChoice.CPU, files))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("must share");

        Path altered = ensemble(tmp.resolve("altered"), VoiceEnsembleConfig.Combination.MEAN, 1f);
        Files.writeString(altered.resolve(VoiceEnsembleConfig.FILE_NAME),
                Files.readString(altered.resolve(VoiceEnsembleConfig.FILE_NAME)).replace("\"MEAN\"", "\"LOG_LINEAR\""));
        assertThatThrownBy(() -> VoiceModel.load(ModelSource.path(altered), null, DeviceChoice.CPU, files))
                .isInstanceOf(ModelLoadException.class);
    }

    @Test
    void aCalibratorInTheDirectoryRetempersEachWindowAndIsVerifiedLikeTheWeights() throws Exception {
        ModelFiles files = new ModelFiles(tmp.resolve("cache"));
        Path plain = ensemble(tmp.resolve("plain"), VoiceEnsembleConfig.Combination.LOG_LINEAR, 0.6f);
        Path calibrated = ensemble(tmp.resolve("calibrated"), VoiceEnsembleConfig.Combination.LOG_LINEAR, 0.6f);
        VoiceConfidenceCalibrator cal = new VoiceConfidenceCalibrator(
                List.of("LOG_TOP", "MEMBER_LOG_TOP:ravdess-gru", "MEMBER_LOG_TOP:speech-gru", "AGREEMENT"),
                new double[] {-1.0, -1.5, -1.2, 0.4}, new double[] {0.3, 0.2, 0.3, 0.5}, new double[] {0.8, 0.1, 0.3, 0.4}, -0.5, "test");
        cal.write(calibrated.resolve(VoiceConfidenceCalibrator.FILE_NAME));
        writeSums(calibrated);
        try (VoiceModel p = VoiceModel.load(ModelSource.path(plain), null, DeviceChoice.CPU, files);
             VoiceModel c = VoiceModel.load(ModelSource.path(calibrated), null, DeviceChoice.CPU, files)) {
            assertThat(p.calibrator()).isNull();
            assertThat(c.calibrator()).isNotNull();
            VoiceModelConfig rc = VoiceModelConfig.read(calibrated.resolve(VoiceEnsembleConfig.memberConfigFile("ravdess-gru")));
            Random r = new Random(5);
            List<float[][]> windows = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                float[][] raw = new float[rc.windowFrames()][rc.featureMean().length];
                for (float[] row : raw) {
                    for (int d = 0; d < row.length; d++) {
                        row[d] = rc.featureMean()[d] + rc.featureStd()[d] * (float) (1.5 * r.nextGaussian());
                    }
                }
                windows.add(raw);
            }
            List<VoiceModel.WindowPrediction> before = p.predictWindows(windows);
            List<VoiceModel.WindowPrediction> after = c.predictWindows(windows);
            for (int k = 0; k < windows.size(); k++) {
                float[] combined = before.get(k).probabilities();
                assertThat(after.get(k).combined()).containsExactly(combined, within(1e-6f));
                assertThat(after.get(k).members()).hasNumberOfRows(2);
                int top = Spectrum.dominantIndex(combined);
                float[] q = after.get(k).probabilities();
                assertThat(Spectrum.dominantIndex(q)).isEqualTo(top);
                assertThat((double) q[top]).isCloseTo(cal.confidence(combined, after.get(k).members(), c.memberNames()), within(1e-4));
                assertThat(c.predict(java.util.Collections.singletonList(windows.get(k))).get(0)).containsExactly(q, within(1e-5f));
            }
        }

        // altered after SHA256SUMS was written: refused
        Path tampered = tmp.resolve("tampered");
        copyDir(calibrated, tampered);
        Files.writeString(tampered.resolve(VoiceConfidenceCalibrator.FILE_NAME),
                Files.readString(tampered.resolve(VoiceConfidenceCalibrator.FILE_NAME)).replace("-0.5", "3.5"));
        assertThatThrownBy(() -> VoiceModel.load(ModelSource.path(tampered), null, DeviceChoice.CPU, files))
                .isInstanceOf(ChecksumMismatchException.class);
        // dropped in beside a manifest that does not list it: refused
        Path unlisted = ensemble(tmp.resolve("unlisted"), VoiceEnsembleConfig.Combination.LOG_LINEAR, 0.6f);
        cal.write(unlisted.resolve(VoiceConfidenceCalibrator.FILE_NAME));
        assertThatThrownBy(() -> VoiceModel.load(ModelSource.path(unlisted), null, DeviceChoice.CPU, files))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("not listed");
    }

    private static void copyDir(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var list = Files.list(from)) {
            for (Path f : list.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    /** An ensemble directory of the two bundled nets, as {@code train voice-ensemble} writes one. */
    private static Path ensemble(Path dir, VoiceEnsembleConfig.Combination combination, float temperature) throws Exception {
        Files.createDirectories(dir);
        for (String member : List.of("ravdess-gru", "speech-gru")) {
            String from = "/io/emospectrum/audio/models/" + member + "/";
            copy(from + member + "-0000.params", dir.resolve(member + "-0000.params"));
            copy(from + VoiceModelConfig.FILE_NAME, dir.resolve(VoiceEnsembleConfig.memberConfigFile(member)));
            copy(from + VoiceModel.LABEL_MAPPING_FILE, dir.resolve(VoiceEnsembleConfig.memberMappingFile(member)));
        }
        copy("/io/emospectrum/audio/models/speech-gru/" + VoiceModel.LABEL_MAPPING_FILE, dir.resolve(VoiceModel.LABEL_MAPPING_FILE));
        new VoiceEnsembleConfig("ensemble-test", "0", SEVEN, combination, temperature, List.of("ravdess-gru", "speech-gru"),
                Map.of("note", "test")).write(dir.resolve(VoiceEnsembleConfig.FILE_NAME));
        writeSums(dir);
        return dir;
    }

    private static void writeSums(Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        try (var list = Files.list(dir)) {
            for (Path f : list.sorted().toList()) {
                if (!f.getFileName().toString().equals(ModelManifest.FILE_NAME)) {
                    lines.add(ModelManifest.sha256(f) + "  " + f.getFileName());
                }
            }
        }
        Files.write(dir.resolve(ModelManifest.FILE_NAME), lines);
    }

    private static void copy(String resource, Path to) throws Exception {
        try (InputStream in = VoiceEnsembleTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static float[][] normalize(float[][] raw, VoiceModelConfig c) {
        float[][] x = new float[raw.length][];
        for (int t = 0; t < raw.length; t++) {
            x[t] = new float[raw[t].length];
            for (int d = 0; d < x[t].length; d++) {
                x[t][d] = (raw[t][d] - c.featureMean()[d]) / c.featureStd()[d];
            }
        }
        return x;
    }
}
