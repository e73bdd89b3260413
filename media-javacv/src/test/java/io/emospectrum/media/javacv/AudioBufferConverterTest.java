package io.emospectrum.media.javacv;

import io.emospectrum.error.UnsupportedMediaException;
import io.emospectrum.media.AudioBuffer;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;

import java.nio.Buffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AudioBufferConverterTest {

    private static float[] samples(AudioBuffer b) {
        float[] out = new float[b.samples().remaining()];
        b.samples().get(out);
        return out;
    }

    private static Frame audioFrame(int channels, int rate, Buffer... planes) {
        Frame f = new Frame();
        f.audioChannels = channels;
        f.sampleRate = rate;
        f.samples = planes;
        return f;
    }

    @Test
    void anAudioBufferGoesThereAndBackUnchanged() {
        AudioBuffer stereo = AudioBuffer.of(new float[] {0.1f, -0.1f, 0.2f, -0.2f, 0.3f, -0.3f}, 2, 22_050, 4.0);
        try (AudioBufferConverter c = new AudioBufferConverter()) {
            Frame f = c.convert(stereo);
            assertThat(f.timestamp).isEqualTo(4_000_000L);
            AudioBuffer back = c.convert(f);
            assertThat(samples(back)).containsExactly(samples(stereo));
            assertThat(back.channels()).isEqualTo(2);
            assertThat(back.sampleRate()).isEqualTo(22_050);
            assertThat(back.startSeconds()).isEqualTo(4.0);
        }
    }

    @Test
    void planarSamplesAreInterleaved() {
        Frame f = audioFrame(2, 8000, FloatBuffer.wrap(new float[] {1, 2, 3}), FloatBuffer.wrap(new float[] {-1, -2, -3}));
        try (AudioBufferConverter c = new AudioBufferConverter()) {
            AudioBuffer b = c.convert(f, 1.5);
            assertThat(samples(b)).containsExactly(1, -1, 2, -2, 3, -3);
            assertThat(b.startSeconds()).isEqualTo(1.5);
        }
    }

    @Test
    void aKeptBufferIsACopyAndAPartialSampleFrameIsDropped() {
        float[] decoded = {0.5f, 0.25f, 0.125f};
        Frame f = audioFrame(2, 8000, FloatBuffer.wrap(decoded));
        try (AudioBufferConverter c = new AudioBufferConverter()) {
            AudioBuffer b = c.convert(f);
            decoded[0] = 0;
            assertThat(samples(b)).containsExactly(0.5f, 0.25f);
            assertThat(c.convert((Frame) null)).isNull();
            assertThat(c.convert(new Frame())).as("a frame without samples").isNull();
        }
    }

    @Test
    void samplesThatAreNotFloatsAreUnsupported() {
        Frame f = audioFrame(1, 8000, ShortBuffer.wrap(new short[] {1, 2}));
        try (AudioBufferConverter c = new AudioBufferConverter()) {
            assertThatThrownBy(() -> c.convert(f)).isInstanceOf(UnsupportedMediaException.class).hasMessageContaining("float");
            Frame odd = audioFrame(3, 8000, FloatBuffer.allocate(3), FloatBuffer.allocate(3));
            assertThatThrownBy(() -> c.convert(odd)).isInstanceOf(UnsupportedMediaException.class).hasMessageContaining("2 planes");
        }
    }
}
