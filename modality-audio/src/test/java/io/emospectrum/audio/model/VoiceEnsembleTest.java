package io.emospectrum.audio.model;

import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelManifest;
import io.emospectrum.model.ModelSource;
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
