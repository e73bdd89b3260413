package io.emospectrum.server.protocol;

/**
 * ITU-T G.711 expansion (mu-law and A-law bytes to linear samples), the telephony encodings of
 * live media streams. Tables are built once; decoding is a lookup per byte.
 */
final class G711 {
    private static final float[] ULAW = new float[256];
    private static final float[] ALAW = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW[i] = ulawToLinear((byte) i) / 32768f;
            ALAW[i] = alawToLinear((byte) i) / 32768f;
        }
    }

    private G711() {
    }

    static float ulaw(byte b) {
        return ULAW[b & 0xFF];
    }

    static float alaw(byte b) {
        return ALAW[b & 0xFF];
    }

    /** G.711 mu-law: complement, then sign, 3-bit exponent, 4-bit mantissa with a bias of 0x84. */
    static int ulawToLinear(byte code) {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    /** G.711 A-law: even bits inverted, then sign, 3-bit exponent, 4-bit mantissa. */
    static int alawToLinear(byte code) {
        int a = (code & 0xFF) ^ 0x55;
        int t = (a & 0x0F) << 4;
        int seg = (a & 0x70) >> 4;
        switch (seg) {
            case 0 -> t += 8;
            case 1 -> t += 0x108;
            default -> {
                t += 0x108;
                t <<= seg - 1;
            }
        }
        return (a & 0x80) != 0 ? t : -t;
    }
}
