package io.emospectrum.tools.voice;

import io.emospectrum.audio.model.VoiceModel;
import io.emospectrum.audio.model.VoiceModelConfig;
import io.emospectrum.error.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainVoiceCorporaCommandTest {
    @TempDir
    Path tmp;

    @Test
    void leaveOneCorpusOutReadsEachFoldsNetInsideTheEnsembleOnUnseenSpeakersOnly() throws Exception {
        StringBuilder manifest = new StringBuilder("path\tcorpus\tspeaker\tlabel\toriginal\n");
        String[][] clips = {
                {"ravdess", "ravdess-01", "neutral"}, {"ravdess", "ravdess-01", "angry"},
                {"ravdess", "ravdess-19", "happy"}, {"ravdess", "ravdess-19", "sad"},
                {"tess", "tess-oaf", "angry"}, {"tess", "tess-oaf", "happy"},
                {"tess", "tess-yaf", "sad"}, {"tess", "tess-yaf", "neutral"}};
        for (int i = 0; i < clips.length; i++) {
            String path = clips[i][1] + "-" + i + ".wav";
            writeSpeechLike(tmp.resolve(path), 110 + 25 * i, 3 + i % 3);
            manifest.append(path).append('\t').append(clips[i][0]).append('\t').append(clips[i][1]).append('\t').append(clips[i][2])
                    .append('\t').append(clips[i][2]).append('\n');
        }
        Files.writeString(tmp.resolve("manifest.tsv"), manifest);
        Path ravdessGru = bundledRavdessGru();

        TrainVoiceCorporaCommand cmd = new TrainVoiceCorporaCommand();
        new CommandLine(cmd).parseArgs("--manifest", tmp.resolve("manifest.tsv").toString(), "--cache", tmp.resolve("cache").toString(),
                "--loco", "--baseline", ravdessGru.toString(), "--ensemble-with", ravdessGru.toString(),
                "--member-temperature", "ravdess-gru=5.0,speech-gru=1.4", "--combination", "LOG_LINEAR", "--ensemble-temperature", "0.6", "--cross-fit-members",
                "--epochs", "1", "--steps", "2", "--hidden", "8", "--threads", "1");
        cmd.checkEnsembleOptions();
        CorpusVoiceTraining training = cmd.training();
        TrainVoiceCorporaCommand.LocoResult r = cmd.loco(training, cmd.items(training));

        assertThat(r.means()).containsOnlyKeys(TrainVoiceCorporaCommand.TODAY, TrainVoiceCorporaCommand.NEW,
                TrainVoiceCorporaCommand.ENSEMBLE_GIVEN, TrainVoiceCorporaCommand.ENSEMBLE_CROSS_FITTED,
                TrainVoiceCorporaCommand.ENSEMBLE_FULLY_CROSS_FITTED);
        // the ensemble holds ravdess-gru (trained on RAVDESS 01-18): on the RAVDESS fold it reads actors 19-20 only,
        // while the fold's net alone is also read on every RAVDESS actor
        assertThat(r.table()).contains("| ravdess (actors 19-20) | ensemble, T=0.60 (given) | 2 |",
                "| ravdess (actors 01-20) | new, T=", "| tess | ensemble, T=0.60 (given) | 4 |",
                "| ravdess (actors 19-20) | ensemble, members {ravdess-gru=", "| tess | ensemble, members {ravdess-gru=", "| mean over 2 folds | "
                        + TrainVoiceCorporaCommand.ENSEMBLE_CROSS_FITTED + " |");
        // each fold's ensemble temperature is fitted on the other fold, on the ensemble's grid (from 0.2)
        assertThat(r.ensembleTemperatures()).containsOnlyKeys("ravdess", "tess");
        assertThat(r.ensembleTemperatures().values()).allSatisfy(t -> assertThat(t).isBetween(0.2, 5.0));
        for (double[] m : r.means().values()) {
            assertThat(m).hasSize(8);
            assertThat(m[0]).isBetween(0.0, 1.0);
            assertThat(m[2]).isBetween(0.0, 1.0);
        }
        // with --cross-fit-members every temperature is fitted on the other fold: no fold keeps the given ones
        assertThat(r.table()).doesNotContain("members {ravdess-gru=5.0, speech-gru=1.4}");
        // the ensemble is not the fold's net alone: ravdess-gru's vote changes its confidence
        assertThat(r.means().get(TrainVoiceCorporaCommand.ENSEMBLE_GIVEN)[2])
                .isNotEqualTo(r.means().get(TrainVoiceCorporaCommand.NEW)[2]);
    }

    @Test
    void ensembleOptionsAreCheckedBeforeAnyTraining() throws Exception {
        Path ravdessGru = bundledRavdessGru();
        String m = tmp.resolve("manifest.tsv").toString();
        assertThatThrownBy(() -> check("--manifest", m, "--ensemble-with", ravdessGru.toString()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("--loco");
        assertThatThrownBy(() -> check("--manifest", m, "--loco", "--cross-fit-members"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("--ensemble-with");
        assertThatThrownBy(() -> check("--manifest", m, "--loco", "--ensemble-with", ravdessGru.toString(), "--member-temperature", "nobody=2"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("nobody").hasMessageContaining("ravdess-gru");
    }

    private static void check(String... args) {
        TrainVoiceCorporaCommand cmd = new TrainVoiceCorporaCommand();
        new CommandLine(cmd).parseArgs(args);
        cmd.checkEnsembleOptions();
    }

    /** A voiced 2.4 s clip at 16 kHz: harmonics of a gliding pitch, loudness rising and falling at a syllable rate. */
    private static void writeSpeechLike(Path file, double f0, double syllables) throws Exception {
        int rate = 16_000;
        int n = (int) (2.4 * rate);
        byte[] pcm = new byte[2 * n];
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            phase += 2 * Math.PI * f0 * (1 + 0.15 * Math.sin(2 * Math.PI * 0.7 * t)) / rate;
            double v = 0;
            for (int h = 1; h <= 8; h++) {
                v += Math.sin(h * phase) / h;
            }
            double envelope = 0.15 + 0.85 * Math.pow(Math.sin(Math.PI * syllables * t), 2);
            short s = (short) Math.round(6000 * envelope * v);
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, n), AudioFileFormat.Type.WAVE, file.toFile());
    }

    /** The bundled ravdess-gru directory, copied out of the class path. */
    private Path bundledRavdessGru() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ravdess-gru"));
        String base = "/" + VoiceModel.RAVDESS_GRU + "/";
        for (String f : List.of("ravdess-gru-0000.params", VoiceModelConfig.FILE_NAME, VoiceModel.LABEL_MAPPING_FILE, "NOTICE", "SHA256SUMS")) {
            try (InputStream in = VoiceModel.class.getResourceAsStream(base + f)) {
                assertThat(in).as(base + f).isNotNull();
                Files.copy(in, dir.resolve(f));
            }
        }
        return dir;
    }
}
