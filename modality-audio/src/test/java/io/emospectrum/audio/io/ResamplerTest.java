package io.emospectrum.audio.io;

import io.emospectrum.audio.TestAudio;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ResamplerTest {

    /** Amplitude of {@code hz} in {@code x} by correlation with a sine and a cosine. */
    static double amplitude(float[] x, int rate, double hz, int from, int to) {
        double s = 0;
        double c = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * Math.sin(2 * Math.PI * hz * i / rate);
            c += x[i] * Math.cos(2 * Math.PI * hz * i / rate);
        }
        return 2 * Math.hypot(s, c) / (to - from);
    }

    @ParameterizedTest
    @CsvSource({"8000,16000", "44100,16000", "48000,16000", "22050,16000", "16000,8000"})
    void keepsAToneInTheBandAtItsFrequencyAndLevel(int in, int out) {
        float[] x = TestAudio.sine(440, 1.0, in, 0.5);
        Resampler r = new Resampler(in, out);
        float[] y = concat(r.process(x), r.flush());
        assertThat(y.length).isCloseTo(out, within(2));
        assertThat(amplitude(y, out, 440, out / 10, out * 9 / 10)).isCloseTo(0.5, within(0.01));
    }

    @Test
    void removesWhatTheLowerRateCannotCarry() {
        float[] x = TestAudio.sine(12_000, 1.0, 48_000, 0.5); // above 16 kHz's Nyquist: must not alias to 4 kHz
        Resampler r = new Resampler(48_000, 16_000);
        float[] y = r.process(x);
        assertThat(amplitude(y, 16_000, 4_000, 2000, y.length - 2000)).isLessThan(0.005);
    }

    @Test
    void chunkedOutputEqualsOneShotOutput() {
        float[] x = TestAudio.sine(1000, 0.5, 44_100, 0.7);
        Resampler one = new Resampler(44_100, 16_000);
        float[] a = concat(one.process(x), one.flush());
        Resampler chunked = new Resampler(44_100, 16_000);
        float[] b = new float[0];
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 0; i < x.length; ) {
            int n = Math.min(x.length - i, 1 + rnd.nextInt(700));
            b = concat(b, chunked.process(java.util.Arrays.copyOfRange(x, i, i + n)));
            i += n;
        }
        b = concat(b, chunked.flush());
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).isCloseTo(a[i], within(1e-5f));
        }
    }

    static float[] concat(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
