package io.emospectrum.audio.io;

import io.emospectrum.error.UnsupportedMediaException;

/**
 * How one PCM sample is stored: integer (8-bit unsigned as in WAV, 16/24/32-bit signed), IEEE
 * float (32/64-bit), little- or big-endian, or 8-bit G.711 μ-law / A-law (what telephony and call
 * recorders write).
 *
 * @param bits       bits per sample
 * @param floating   IEEE float instead of integer
 * @param bigEndian  byte order
 * @param companding G.711 companding of 8-bit samples, or {@link Companding#NONE} for linear PCM
 */
public record PcmEncoding(int bits, boolean floating, boolean bigEndian, Companding companding) {
    /** G.711 logarithmic coding of 8-bit samples (ITU-T G.711). */
    public enum Companding { NONE, MU_LAW, A_LAW }

    private static final float[] MU_LAW_TABLE = new float[256];
    private static final float[] A_LAW_TABLE = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            int u = ~i & 0xff;
            int mu = (((u & 0x0f) << 3) + 0x84) << ((u >> 4) & 7);
            MU_LAW_TABLE[i] = ((u & 0x80) != 0 ? 0x84 - mu : mu - 0x84) / 32768f;
            int a = i ^ 0x55;
            int exponent = (a >> 4) & 7;
            int mantissa = a & 0x0f;
            int al = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
            A_LAW_TABLE[i] = ((a & 0x80) != 0 ? al : -al) / 32768f;
        }
    }

    /** Linear PCM. */
    public PcmEncoding(int bits, boolean floating, boolean bigEndian) {
        this(bits, floating, bigEndian, Companding.NONE);
    }

    public PcmEncoding {
        java.util.Objects.requireNonNull(companding, "companding");
        if (companding != Companding.NONE && (bits != 8 || floating)) {
            throw new UnsupportedMediaException("G.711 " + companding + " samples are 8-bit, not " + bits + "-bit");
        }
        boolean ok = floating ? (bits == 32 || bits == 64) : (bits == 8 || bits == 16 || bits == 24 || bits == 32);
        if (!ok) {
            throw new UnsupportedMediaException("unsupported PCM encoding: " + bits + "-bit " + (floating ? "float" : "integer")
                    + "; supported: 8/16/24/32-bit integer, 32/64-bit float");
        }
    }

    /** G.711 μ-law, 8 bits per sample. */
    public static PcmEncoding muLaw() {
        return new PcmEncoding(8, false, false, Companding.MU_LAW);
    }

    /** G.711 A-law, 8 bits per sample. */
    public static PcmEncoding aLaw() {
        return new PcmEncoding(8, false, false, Companding.A_LAW);
    }

    public static PcmEncoding signed16le() {
        return new PcmEncoding(16, false, false);
    }

    public int bytesPerSample() {
        return bits / 8;
    }

    /** Decodes {@code count} samples from {@code in} starting at {@code offset} into {@code out}. */
    public void decode(byte[] in, int offset, float[] out, int outOffset, int count) {
        int bps = bytesPerSample();
        for (int i = 0; i < count; i++) {
            int p = offset + i * bps;
            out[outOffset + i] = sample(in, p);
        }
    }

    private float sample(byte[] b, int p) {
        if (companding == Companding.MU_LAW) {
            return MU_LAW_TABLE[b[p] & 0xff];
        }
        if (companding == Companding.A_LAW) {
            return A_LAW_TABLE[b[p] & 0xff];
        }
        switch (bits) {
            case 8:
                return ((b[p] & 0xff) - 128) / 128f; // WAV 8-bit is unsigned
            case 16: {
                int v = bigEndian ? (b[p] << 8) | (b[p + 1] & 0xff) : (b[p + 1] << 8) | (b[p] & 0xff);
                return v / 32768f;
            }
            case 24: {
                int v = bigEndian
                        ? (b[p] << 16) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] & 0xff)
                        : (b[p + 2] << 16) | ((b[p + 1] & 0xff) << 8) | (b[p] & 0xff);
                return v / 8388608f;
            }
            default: {
                int v = bigEndian
                        ? (b[p] << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff)
                        : (b[p + 3] << 24) | ((b[p + 2] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p] & 0xff);
                if (floating) {
                    return Float.intBitsToFloat(v);
                }
                if (bits == 32) {
                    return (float) (v / 2147483648.0);
                }
                throw new IllegalStateException();
            }
            case 64: {
                long v = 0;
                for (int k = 0; k < 8; k++) {
                    int idx = bigEndian ? p + k : p + 7 - k;
                    v = (v << 8) | (b[idx] & 0xffL);
                }
                return (float) Double.longBitsToDouble(v);
            }
        }
    }
}
