package io.emospectrum.tools.voice;

import io.emospectrum.audio.io.PcmEncoding;

import java.util.List;
import java.util.Random;

/**
 * What a phone call does to a voice, for training and for degraded evaluation copies: the
 * telephone channel (8 kHz, 300-3400 Hz band, G.711 μ-law or A-law), additive noise (white, pink,
 * babble made of other clips), reverberation, gain and speed. Every method returns a new array.
 */
public final class TelephoneChannel {
    private TelephoneChannel() {
    }

    /** Down to 8 kHz, the 300-3400 Hz telephone band, G.711 companding, and back to {@code rate}. */
    public static float[] telephone(float[] x, int rate, boolean muLaw) {
        float[] n = ClipFeatures.resample(x, rate, 8_000);
        n = biquad(n, 8_000, 300, false);
        n = biquad(n, 8_000, 300, false);
        n = biquad(n, 8_000, 3_400, true);
        n = biquad(n, 8_000, 3_400, true);
        n = g711(n, muLaw);
        return ClipFeatures.resample(n, 8_000, rate);
    }

    /** Encodes to 8-bit G.711 (ITU-T reference segment coding) and decodes with the reader's tables. */
    public static float[] g711(float[] x, boolean muLaw) {
        byte[] coded = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            int pcm = Math.max(-32768, Math.min(32767, Math.round(x[i] * 32768f)));
            coded[i] = (byte) (muLaw ? linearToMuLaw(pcm) : linearToALaw(pcm));
        }
        float[] out = new float[x.length];
        (muLaw ? PcmEncoding.muLaw() : PcmEncoding.aLaw()).decode(coded, 0, out, 0, x.length);
        return out;
    }

    static int linearToMuLaw(int pcm) {
        int mask;
        if (pcm < 0) {
            pcm = -pcm;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        pcm = Math.min(pcm, 32635) + 0x84;
        int seg = 0;
        for (int end = 0xFF; seg < 8 && pcm > end; seg++, end = (end << 1) | 1) {
            // find the segment
        }
        if (seg >= 8) {
            return 0x7F ^ mask;
        }
        return ((seg << 4) | ((pcm >> (seg + 3)) & 0xF)) ^ mask;
    }

    static int linearToALaw(int pcm) {
        pcm >>= 3;
        int mask;
        if (pcm >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            pcm = -pcm - 1;
        }
        int seg = 0;
        for (int end = 0x1F; seg < 8 && pcm > end; seg++, end = (end << 1) | 1) {
            // find the segment
        }
        if (seg >= 8) {
            return 0x7F ^ mask;
        }
        int aval = seg << 4;
        aval |= seg < 2 ? (pcm >> 1) & 0xF : (pcm >> seg) & 0xF;
        return aval ^ mask;
    }

    /** A second-order Butterworth low-pass or high-pass (RBJ cookbook biquad). */
    static float[] biquad(float[] x, int rate, double cutoff, boolean lowPass) {
        double w = 2 * Math.PI * cutoff / rate;
        double alpha = Math.sin(w) / (2 * Math.sqrt(0.5));
        double cos = Math.cos(w);
        double b0 = lowPass ? (1 - cos) / 2 : (1 + cos) / 2;
        double b1 = lowPass ? 1 - cos : -(1 + cos);
        double a0 = 1 + alpha;
        double a1 = -2 * cos;
        double a2 = 1 - alpha;
        double x1 = 0;
        double x2 = 0;
        double y1 = 0;
        double y2 = 0;
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double v = (b0 * x[i] + b1 * x1 + b0 * x2 - a1 * y1 - a2 * y2) / a0;
            x2 = x1;
            x1 = x[i];
            y2 = y1;
            y1 = v;
            y[i] = (float) v;
        }
        return y;
    }

    /** RMS of the loudest 100 ms: the level noise is set against (pauses do not lower it). */
    static double activeLevel(float[] x, int rate) {
        int block = rate / 10;
        double peak = 1e-9;
        for (int i = 0; i + block <= x.length; i += block) {
            double s = 0;
            for (int j = i; j < i + block; j++) {
                s += x[j] * x[j];
            }
            peak = Math.max(peak, Math.sqrt(s / block));
        }
        return peak;
    }

    /** White noise, pink noise or babble (the sum of {@code others}, each looped) at {@code snrDb}. */
    public static float[] addNoise(float[] x, int rate, double snrDb, String kind, List<float[]> others, Random random) {
        float[] n = new float[x.length];
        switch (kind) {
            case "white" -> {
                for (int i = 0; i < n.length; i++) {
                    n[i] = (float) random.nextGaussian();
                }
            }
            case "pink" -> {
                // Paul Kellet's economy filter: white noise shaped to -3 dB per octave.
                double b0 = 0;
                double b1 = 0;
                double b2 = 0;
                for (int i = 0; i < n.length; i++) {
                    double w = random.nextGaussian();
                    b0 = 0.99765 * b0 + w * 0.0990460;
                    b1 = 0.96300 * b1 + w * 0.2965164;
                    b2 = 0.57000 * b2 + w * 1.0526913;
                    n[i] = (float) (b0 + b1 + b2 + w * 0.1848);
                }
            }
            case "babble" -> {
                for (float[] o : others) {
                    if (o.length == 0) {
                        continue;
                    }
                    int off = random.nextInt(o.length);
                    double g = 1 / Math.max(1e-6, activeLevel(o, rate));
                    for (int i = 0; i < n.length; i++) {
                        n[i] += (float) (g * o[(off + i) % o.length]);
                    }
                }
            }
            default -> throw new IllegalArgumentException("noise kind " + kind);
        }
        double scale = activeLevel(x, rate) * Math.pow(10, -snrDb / 20) / Math.max(1e-9, activeLevel(n, rate));
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] + scale * n[i]);
        }
        return out;
    }

    /** A room: a direct path and a sparse, exponentially decaying tail reaching -60 dB at {@code rt60} seconds. */
    public static float[] reverb(float[] x, int rate, double rt60, Random random) {
        int len = (int) (rt60 * rate);
        int taps = 300;
        int[] at = new int[taps];
        float[] gain = new float[taps];
        double energy = 1;
        for (int k = 0; k < taps; k++) {
            at[k] = 1 + random.nextInt(Math.max(1, len));
            gain[k] = (float) (0.25 * random.nextGaussian() * Math.exp(-6.9 * at[k] / (double) len));
            energy += gain[k] * gain[k];
        }
        float norm = (float) (1 / Math.sqrt(energy));
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] += x[i];
        }
        for (int k = 0; k < taps; k++) {
            float g = gain[k];
            for (int i = at[k]; i < x.length; i++) {
                y[i] += g * x[i - at[k]];
            }
        }
        for (int i = 0; i < y.length; i++) {
            y[i] *= norm;
        }
        return y;
    }

    /** Gain in dB, then clipping at full scale (as a recorder would). */
    public static float[] gain(float[] x, double db) {
        float g = (float) Math.pow(10, db / 20);
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(-1f, Math.min(1f, x[i] * g));
        }
        return y;
    }

    /** Speed perturbation: pitch, formants and tempo move together, as between speakers. */
    public static float[] speed(float[] x, int rate, double factor) {
        return ClipFeatures.resample(x, rate, (int) Math.round(rate / factor));
    }
}
