package io.emospectrum.tools.voice;

import io.emospectrum.audio.model.VoiceEnsembleConfig;
import io.emospectrum.audio.model.VoiceModel;
import io.emospectrum.audio.model.VoiceModelConfig;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainVoiceEnsembleCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesAnEnsembleThatLoadsWithItsMembersTemperaturesAndEveryNotice() throws Exception {
        Path ravdess = bundled("ravdess-gru");
        Path speech = bundled("speech-gru");
        Path out = tmp.resolve("ensemble");
        TrainVoiceEnsembleCommand.write(List.of(ravdess, speech), Map.of("ravdess-gru", 5f), VoiceEnsembleConfig.Combination.LOG_LINEAR,
                0.6f, "gru-ensemble", "9.9.9", "a test", out);

        assertThat(VoiceModelConfig.read(out.resolve(VoiceEnsembleConfig.memberConfigFile("ravdess-gru"))).temperature()).isEqualTo(5f);
        assertThat(VoiceModelConfig.read(out.resolve(VoiceEnsembleConfig.memberConfigFile("speech-gru"))).temperature())
                .isEqualTo(VoiceModelConfig.read(speech.resolve(VoiceModelConfig.FILE_NAME)).temperature());
        String notice = Files.readString(out.resolve("NOTICE"));
        assertThat(notice).contains("gru-ensemble 9.9.9", "RAVDESS", "TESS", "nEMO", "ASED", "TurEV-DB", "CC BY-NC-SA 4.0",
                "CC BY-NC-ND 4.0", "temperature 5.0");
        try (VoiceModel m = VoiceModel.load(ModelSource.path(out), null, DeviceChoice.CPU, new ModelFiles(tmp.resolve("cache")))) {
            assertThat(m.nets()).isEqualTo(2);
            assertThat(m.id().version()).isEqualTo("9.9.9");
            assertThat(m.config().labels()).isEqualTo(SpeechCorpora.LABELS);
            assertThat(m.config().temperature()).isEqualTo(0.6f);
        }
        assertThatThrownBy(() -> TrainVoiceEnsembleCommand.write(List.of(ravdess, speech), Map.of("nobody", 2f),
                VoiceEnsembleConfig.Combination.MEAN, 1f, "e", "1", "", tmp.resolve("bad")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("nobody");
    }

    /** A bundled model's directory, copied out of the class path. */
    private Path bundled(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        String base = "/" + (name.equals("ravdess-gru") ? VoiceModel.RAVDESS_GRU : VoiceModel.SPEECH_GRU) + "/";
        for (String f : List.of(name + "-0000.params", VoiceModelConfig.FILE_NAME, VoiceModel.LABEL_MAPPING_FILE, "NOTICE", "SHA256SUMS")) {
            try (InputStream in = VoiceModel.class.getResourceAsStream(base + f)) {
                assertThat(in).as(base + f).isNotNull();
                Files.copy(in, dir.resolve(f));
            }
        }
        return dir;
    }
}
