package io.emospectrum.tools.voice;

import io.emospectrum.error.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpeechCorporaTest {
    @TempDir
    Path dir;

    @Test
    void readsTheManifestRelativeToItsDirectory() throws Exception {
        Path m = dir.resolve("manifest.tsv");
        Files.writeString(m, "path\tcorpus\tspeaker\tlabel\toriginal\n"
                + "ravdess/ravdess-01/calm/a.wav\travdess\travdess-01\tneutral\tcalm\n"
                + "tess/tess-oaf/ps/b.wav\ttess\ttess-oaf\tsurprised\tps\n");
        List<SpeechCorpora.Clip> clips = SpeechCorpora.read(m);
        assertThat(clips).hasSize(2);
        assertThat(clips.get(0).file()).isEqualTo(dir.resolve("ravdess/ravdess-01/calm/a.wav"));
        assertThat(clips.get(0).label()).isEqualTo(SpeechCorpora.LABELS.indexOf("neutral"));
        assertThat(clips.get(1).speaker()).isEqualTo("tess-oaf");
        Files.writeString(m, "path\tcorpus\tspeaker\tlabel\n x.wav\tc\ts\tbored\n");
        assertThatThrownBy(() -> SpeechCorpora.read(m)).isInstanceOf(ConfigurationException.class).hasMessageContaining("bored");
        assertThatThrownBy(() -> SpeechCorpora.read(dir.resolve("none.tsv"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("prepare_speech_corpora.sh");
    }

    @Test
    void capKeepsEverySpeakerOfALargeCorpus() {
        List<SpeechCorpora.Clip> clips = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            for (int i = 0; i < 100; i++) {
                clips.add(new SpeechCorpora.Clip(Path.of(s + "-" + i), "nemo", "nemo-" + s, i % 7));
            }
        }
        clips.add(new SpeechCorpora.Clip(Path.of("r"), "ravdess", "ravdess-01", 0));
        List<SpeechCorpora.Clip> capped = SpeechCorpora.cap(clips, 40);
        assertThat(capped).hasSize(41);
        for (int s = 0; s < 4; s++) {
            String speaker = "nemo-" + s;
            assertThat(capped.stream().filter(c -> c.speaker().equals(speaker)).count()).isEqualTo(10);
        }
        assertThat(SpeechCorpora.categoryOf("calm")).isEqualTo(SpeechCorpora.categoryOf("neutral"));
    }
}
