package io.emospectrum.audio.io;

import io.emospectrum.audio.TestAudio;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.error.UnsupportedMediaException;
import io.emospectrum.media.AudioBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WavReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"8000,1,8,false", "16000,1,16,false", "22050,2,16,false", "44100,2,24,false", "48000,1,32,false",
            "32000,2,32,true"})
    void readsEveryPcmLayoutBackToTheSamples(int rate, int channels, int bits, boolean floating) throws Exception {
        float[] x = new float[rate / 10 * channels];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.8 * Math.sin(i * 0.05 + (i % channels)));
        }
        Path f = TestAudio.write(dir, "a.wav", TestAudio.wav(x, channels, rate, bits, floating));

        AudioBuffer b = AudioFiles.read(f);

        assertThat(b.sampleRate()).isEqualTo(rate);
        assertThat(b.channels()).isEqualTo(channels);
        assertThat(b.frames()).isEqualTo(x.length / channels);
        float tolerance = bits == 8 ? 1f / 100 : bits == 16 ? 1f / 10_000 : 1e-6f;
        float[] got = new float[x.length];
        b.samples().get(got);
        for (int i = 0; i < x.length; i += 7) {
            assertThat(got[i]).as("sample %d", i).isCloseTo(x[i], within(tolerance));
        }
    }

    @Test
    void emptyFileIsAClearError() throws Exception {
        Path f = TestAudio.write(dir, "empty.wav", new byte[0]);
        assertThatThrownBy(() -> AudioFiles.open(f)).isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");
    }

    @Test
    void truncatedHeaderIsAClearError() throws Exception {
        byte[] wav = TestAudio.wav(new float[100], 1, 16000, 16, false);
        Path f = TestAudio.write(dir, "cut.wav", java.util.Arrays.copyOf(wav, 30));
        assertThatThrownBy(() -> AudioFiles.open(f)).isInstanceOf(InvalidInputException.class).hasMessageContaining("corrupt");
    }

    @Test
    void garbageFmtChunkIsAClearError() throws Exception {
        byte[] wav = TestAudio.wav(new float[100], 1, 16000, 16, false);
        wav[16] = (byte) 0xff; // fmt chunk size 255 + garbage
        wav[17] = (byte) 0x7f;
        Path f = TestAudio.write(dir, "bad.wav", wav);
        assertThatThrownBy(() -> AudioFiles.open(f)).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @CsvSource({"1", "10000000"})
    void sampleRatesOutsideTheSupportedRangeAreRejected(int rate) throws Exception {
        byte[] data = new byte[64];
        Path f = TestAudio.write(dir, "rate.wav", TestAudio.wavBytes(data, 1, rate, 16, 1, data.length));
        assertThatThrownBy(() -> AudioFiles.open(f)).isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining(rate + " Hz");
    }

    @Test
    void aTextFileIsNotAudio() throws Exception {
        Path f = dir.resolve("notes.txt");
        Files.writeString(f, "this is not audio at all, just some words in a file\n".repeat(50));
        assertThatThrownBy(() -> AudioFiles.open(f)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void rawPcmNeedsItsFormatAndReadsWithIt() throws Exception {
        byte[] wav = TestAudio.wav(TestAudio.sine(300, 0.2, 8000, 0.5), 1, 8000, 16, false);
        Path f = TestAudio.write(dir, "call.raw", java.util.Arrays.copyOfRange(wav, 44, wav.length));
        try (AudioSource s = AudioFiles.openRaw(f, RawPcmFormat.s16le(8000, 1))) {
            AudioBuffer b = AudioFiles.readAll(s);
            assertThat(b.frames()).isEqualTo(1600);
            assertThat(b.channel(0)[20]).isCloseTo((float) (0.5 * Math.sin(2 * Math.PI * 300 * 20 / 8000.0)), within(1e-3f));
        }
    }
}
