package io.emospectrum.audio.io;

import io.emospectrum.audio.TestAudio;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.testing.Reproducers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Valid telephony WAVs are read; files cut short or changing format are read in part and say so. */
class PartialAudioTest {
    @TempDir
    Path dir;

    @Test
    void g711TablesDecodeTheStandardsReferencePoints() {
        float[] out = new float[6];
        PcmEncoding.muLaw().decode(new byte[] {(byte) 0xff, (byte) 0x7f, 0x00, (byte) 0x80}, 0, out, 0, 4);
        assertThat(out[0]).isZero(); // mu-law 0xFF and 0x7F are the two zeros
        assertThat(out[1]).isZero();
        assertThat(out[2] * 32768).isEqualTo(-32124f); // full scale
        assertThat(out[3] * 32768).isEqualTo(32124f);
        PcmEncoding.aLaw().decode(new byte[] {(byte) 0xd5, 0x55, 0x2a, (byte) 0xaa}, 0, out, 0, 4);
        assertThat(out[0] * 32768).isEqualTo(8f); // the smallest steps either side of zero
        assertThat(out[1] * 32768).isEqualTo(-8f);
        assertThat(out[2] * 32768).isEqualTo(-32256f); // full scale
        assertThat(out[3] * 32768).isEqualTo(32256f);
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 7})
    void g711WavsReadBackToTheSignalWithinTheirQuantization(int format) throws Exception {
        int rate = 8000;
        float[] x = new float[rate * 2]; // stereo, 1 s
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.6 * Math.sin(2 * Math.PI * 300 * (i / 2) / rate + (i % 2)));
        }
        byte[] coded = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            coded[i] = format == 7 ? muLaw(x[i]) : aLaw(x[i]);
        }
        Path f = TestAudio.write(dir, "call.wav", TestAudio.wavBytes(coded, 2, rate, 8, format, coded.length));
        try (AudioSource src = AudioFiles.open(f)) {
            AudioBuffer b = AudioFiles.readAll(src);
            assertThat(b.channels()).isEqualTo(2);
            assertThat(b.frames()).isEqualTo(rate);
            float[] got = new float[x.length];
            b.samples().get(got);
            for (int i = 0; i < x.length; i++) {
                // 8-bit logarithmic coding: error under 1/32 of the amplitude, plus a floor near zero
                assertThat(got[i]).as("sample %d", i).isCloseTo(x[i], within(Math.abs(x[i]) / 32 + 0.002f));
            }
            assertThat(src.issues()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {50, 90})
    void aWavCutShortIsReadToItsEndAndReportedAsTruncated(int percent) throws Exception {
        float[] x = new float[16_000];
        Arrays.fill(x, 0.25f);
        byte[] whole = TestAudio.wav(x, 1, 16_000, 16, false);
        int cut = 44 + (whole.length - 44) * percent / 100;
        Path f = TestAudio.write(dir, "cut.wav", Arrays.copyOf(whole, cut));
        try (AudioSource src = AudioFiles.open(f)) {
            AudioBuffer b = AudioFiles.readAll(src);
            assertThat(b.frames()).isEqualTo((cut - 44) / 2);
            assertThat(src.issues()).singleElement().asString().contains("truncated").contains("1.00 s");
        }
        Path full = TestAudio.write(dir, "whole.wav", whole);
        try (AudioSource src = AudioFiles.open(full)) {
            AudioFiles.readAll(src);
            assertThat(src.issues()).isEmpty();
        }
    }

    @Test
    void theReproducersBehaveAsTheirRowsSay() {
        try (AudioSource call = AudioFiles.open(Reproducers.file("call_ulaw_stereo.wav"))) {
            AudioBuffer b = AudioFiles.readAll(call);
            assertThat(b.channels()).isEqualTo(2);
            assertThat(b.sampleRate()).isEqualTo(8000);
            assertThat(b.durationSeconds()).isGreaterThan(1);
            assertThat(call.issues()).isEmpty();
        }
        try (AudioSource mp3 = AudioFiles.open(Reproducers.file("mono_then_stereo.mp3"))) {
            AudioBuffer b = AudioFiles.readAll(mp3);
            // 5.0 s of mono at 22.05 kHz, then 3.9 s of stereo at 16 kHz: 8.9 s, not the 10.9 s read before
            assertThat(b.durationSeconds()).isCloseTo(8.9, within(0.3));
            assertThat(mp3.issues()).singleElement().asString().contains("changes its audio format mid-stream");
        }
    }

    /** ITU-T G.711 mu-law encoder (the reference's, in the form of Sun's g711.c). */
    private static byte muLaw(float v) {
        int pcm = Math.max(-32635, Math.min(32635, Math.round(v * 32768)));
        int sign = pcm < 0 ? 0x80 : 0;
        int mag = Math.abs(pcm) + 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (mag & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (mag >> (exponent + 3)) & 0x0f;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** ITU-T G.711 A-law encoder. */
    private static byte aLaw(float v) {
        int pcm = Math.max(-32767, Math.min(32767, Math.round(v * 32768)));
        int sign = pcm >= 0 ? 0x80 : 0;
        int mag = Math.abs(pcm);
        int code;
        if (mag < 256) {
            code = mag >> 4;
        } else {
            int exponent = 1;
            for (int m = mag >> 8; m > 1; m >>= 1) {
                exponent++;
            }
            code = (exponent << 4) | ((mag >> (exponent + 3)) & 0x0f);
        }
        return (byte) ((sign | code) ^ 0x55);
    }
}
