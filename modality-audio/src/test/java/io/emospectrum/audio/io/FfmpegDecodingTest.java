package io.emospectrum.audio.io;

import io.emospectrum.audio.TestAudio;
import io.emospectrum.error.UnsupportedMediaException;
import io.emospectrum.media.AudioBuffer;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.FloatBuffer;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FfmpegDecodingTest {
    @TempDir
    Path dir;

    @Test
    void decodesAacInM4aAtItsOwnRate() throws Exception {
        Path f = dir.resolve("tone.m4a");
        float[] tone = TestAudio.sine(440, 2.0, 44_100, 0.5);
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(f.toFile(), 1)) {
            r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            r.setSampleRate(44_100);
            r.setAudioBitrate(128_000);
            r.start();
            r.recordSamples(44_100, 1, FloatBuffer.wrap(tone));
            r.stop();
        }

        AudioBuffer b = AudioFiles.read(f);

        assertThat(b.sampleRate()).isEqualTo(44_100);
        assertThat(b.channels()).isEqualTo(1);
        assertThat(b.durationSeconds()).isCloseTo(2.0, within(0.1));
        float[] x = b.mono();
        assertThat(ResamplerTest.amplitude(x, 44_100, 440, 10_000, 80_000)).isCloseTo(0.5, within(0.05));
    }

    @Test
    void aFileWithoutAnAudioTrackIsUnsupported() throws Exception {
        Path f = dir.resolve("pixels.pgm");
        java.nio.file.Files.write(f, ("P5\n4 4\n255\n" + "x".repeat(16)).getBytes());
        assertThatThrownBy(() -> AudioFiles.open(f)).isInstanceOf(UnsupportedMediaException.class);
    }
}
