package io.emospectrum.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Speech-like test audio without recordings: a voiced source (harmonics of a gliding pitch,
 * shaped by two formants) cut into syllables with pauses, so the voice pipeline's activity
 * detector takes it for speech and scores its windows.
 */
public final class SyntheticSpeech {
    private SyntheticSpeech() {
    }

    /** Mono samples in [-1, 1]. */
    public static float[] mono(int rate, double seconds, double f0, long seed) {
        Random rnd = new Random(seed);
        int n = (int) (seconds * rate);
        float[] out = new float[n];
        double phase = 0;
        int i = 0;
        while (i < n) {
            int syllable = (int) (rate * (0.15 + 0.2 * rnd.nextDouble()));
            int pause = (int) (rate * (0.05 + 0.15 * rnd.nextDouble()));
            double pitch = f0 * (0.85 + 0.3 * rnd.nextDouble());
            double f1 = 400 + 500 * rnd.nextDouble();
            double f2 = 1000 + 1400 * rnd.nextDouble();
            for (int k = 0; k < syllable && i < n; k++, i++) {
                double t = k / (double) syllable;
                double env = Math.sin(Math.PI * t);
                double p = pitch * (1 + 0.1 * Math.sin(2 * Math.PI * t));
                phase += 2 * Math.PI * p / rate;
                double s = 0;
                for (int h = 1; h * p < Math.min(3800, rate / 2.0 - 100); h++) {
                    double f = h * p;
                    double gain = 1 / (1 + Math.pow((f - f1) / 150, 2)) + 0.6 / (1 + Math.pow((f - f2) / 250, 2)) + 0.02;
                    s += gain * Math.sin(h * phase) / h;
                }
                out[i] = (float) (0.3 * env * s + 0.003 * rnd.nextGaussian());
            }
            for (int k = 0; k < pause && i < n; k++, i++) {
                out[i] = (float) (0.003 * rnd.nextGaussian());
            }
        }
        for (int k = 0; k < n; k++) {
            out[k] = Math.max(-1f, Math.min(1f, out[k]));
        }
        return out;
    }

    /** Two parties interleaved: {@code left} on channel 0, {@code right} on channel 1. */
    public static float[] stereo(float[] left, float[] right) {
        int n = Math.max(left.length, right.length);
        float[] s = new float[2 * n];
        for (int i = 0; i < n; i++) {
            s[2 * i] = i < left.length ? left[i] : 0f;
            s[2 * i + 1] = i < right.length ? right[i] : 0f;
        }
        return s;
    }

    /** Little-endian signed 16-bit PCM. */
    public static byte[] pcm16(float[] samples, int from, int to) {
        ByteBuffer b = ByteBuffer.allocate(2 * (to - from)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = from; i < to; i++) {
            b.putShort((short) Math.round(Math.max(-1f, Math.min(1f, samples[i])) * 32767));
        }
        return b.array();
    }

    /** G.711 mu-law encoding of one sample (the reference algorithm), for clients that send telephony audio. */
    public static byte mulaw(float sample) {
        int pcm = Math.round(Math.max(-1f, Math.min(1f, sample)) * 32635);
        int sign = pcm < 0 ? 0x80 : 0;
        int mag = Math.min(Math.abs(pcm), 32635) + 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (mag & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (mag >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** A 16-bit PCM WAV file. */
    public static byte[] wav(float[] interleaved, int channels, int rate) {
        byte[] data = pcm16(interleaved, 0, interleaved.length);
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) channels).putInt(rate).putInt(rate * channels * 2)
                .putShort((short) (channels * 2)).putShort((short) 16).put("data".getBytes()).putInt(data.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        out.writeBytes(data);
        return out.toByteArray();
    }

    public static void writeWav(Path file, float[] interleaved, int channels, int rate) {
        try {
            Files.write(file, wav(interleaved, channels, rate));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
