package io.emospectrum.tools.voice;

import io.emospectrum.audio.io.PcmEncoding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TelephoneChannelTest {
    private static float[] sine(double hz, int rate, double seconds) {
        float[] x = new float[(int) (rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    private static double rms(float[] x, int from) {
        double s = 0;
        for (int i = from; i < x.length - from; i++) {
            s += x[i] * x[i];
        }
        return Math.sqrt(s / (x.length - 2 * from));
    }

    @Test
    void g711RoundTripsThroughTheWavReadersTables() {
        for (boolean mu : new boolean[] {true, false}) {
            float[] x = sine(440, 8_000, 0.5);
            float[] y = TelephoneChannel.g711(x, mu);
            double err = 0;
            for (int i = 0; i < x.length; i++) {
                err = Math.max(err, Math.abs(x[i] - y[i]));
            }
            // 8-bit logarithmic coding of a 0.5 amplitude signal: the largest step is 1/32 of full scale
            assertThat(err).as(mu ? "mu-law" : "A-law").isLessThan(0.035).isGreaterThan(0);
        }
        // the encoder and the reader agree on the codes' signs and order
        byte[] codes = {(byte) TelephoneChannel.linearToMuLaw(16_000), (byte) TelephoneChannel.linearToMuLaw(-16_000)};
        float[] back = new float[2];
        PcmEncoding.muLaw().decode(codes, 0, back, 0, 2);
        assertThat(back[0]).isCloseTo(16_000 / 32_768f, within(0.02f));
        assertThat(back[1]).isCloseTo(-16_000 / 32_768f, within(0.02f));
    }

    @Test
    void theTelephoneBandKeepsSpeechFrequenciesOnly() {
        int rate = 16_000;
        double in = rms(sine(1_000, rate, 1), 0);
        double low = rms(TelephoneChannel.telephone(sine(80, rate, 1), rate, true), 2_000);
        double mid = rms(TelephoneChannel.telephone(sine(1_000, rate, 1), rate, false), 2_000);
        double high = rms(TelephoneChannel.telephone(sine(5_000, rate, 1), rate, true), 2_000);
        assertThat(mid / in).isCloseTo(1.0, within(0.1));
        assertThat(low / in).isLessThan(0.1);
        assertThat(high / in).isLessThan(0.05);
    }

    @Test
    void noiseIsAddedAtTheRequestedLevel() {
        int rate = 16_000;
        float[] x = sine(300, rate, 1);
        Random random = new Random(1);
        for (String kind : List.of("white", "pink", "babble")) {
            float[] y = TelephoneChannel.addNoise(x, rate, 10, kind, List.of(sine(523, rate, 0.7), sine(187, rate, 0.3)), random);
            float[] n = new float[x.length];
            for (int i = 0; i < n.length; i++) {
                n[i] = y[i] - x[i];
            }
            double snr = 20 * Math.log10(TelephoneChannel.activeLevel(x, rate) / TelephoneChannel.activeLevel(n, rate));
            assertThat(snr).as(kind).isCloseTo(10, within(0.5));
        }
    }

    @Test
    void gainClipsAtFullScaleAndSpeedChangesTheLength() {
        float[] y = TelephoneChannel.gain(sine(100, 16_000, 0.1), 20);
        for (float v : y) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(1f);
        }
        assertThat(TelephoneChannel.speed(new float[16_000], 16_000, 1.1).length).isCloseTo(14_545, within(40));
        float[] r = TelephoneChannel.reverb(sine(200, 16_000, 0.5), 16_000, 0.4, new Random(2));
        assertThat(r).hasSize(8_000);
    }
}
