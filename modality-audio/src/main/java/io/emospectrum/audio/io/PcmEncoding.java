package io.emospectrum.audio.io;

import io.emospectrum.error.UnsupportedMediaException;

/**
 * How one PCM sample is stored: integer (8-bit unsigned as in WAV, 16/24/32-bit signed) or IEEE
 * float (32/64-bit), little- or big-endian.
 *
 * @param bits      bits per sample
 * @param floating  IEEE float instead of integer
 * @param bigEndian byte order
 */
public record PcmEncoding(int bits, boolean floating, boolean bigEndian) {
    public PcmEncoding {
        boolean ok = floating ? (bits == 32 || bits == 64) : (bits == 8 || bits == 16 || bits == 24 || bits == 32);
        if (!ok) {
            throw new UnsupportedMediaException("unsupported PCM encoding: " + bits + "-bit " + (floating ? "float" : "integer")
                    + "; supported: 8/16/24/32-bit integer, 32/64-bit float");
        }
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
