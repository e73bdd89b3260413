package io.emospectrum.server.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the samples of binary audio frames are encoded. */
public enum AudioEncoding {
    /** Signed 16-bit little-endian linear PCM. */
    PCM16("pcm16", 2),
    /** G.711 mu-law, one byte per sample (North American and Japanese telephony, Twilio). */
    MULAW("mulaw", 1),
    /** G.711 A-law, one byte per sample (European telephony). */
    ALAW("alaw", 1);

    private final String key;
    private final int bytesPerSample;

    AudioEncoding(String key, int bytesPerSample) {
        this.key = key;
        this.bytesPerSample = bytesPerSample;
    }

    /** The name in the start message: {@code pcm16}, {@code mulaw} or {@code alaw}. */
    public String key() {
        return key;
    }

    public int bytesPerSample() {
        return bytesPerSample;
    }

    /**
     * @throws ProtocolException ({@link ErrorCode#UNSUPPORTED_ENCODING}) for any other name
     */
    public static AudioEncoding parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (AudioEncoding e : values()) {
            if (e.key.equals(n)) {
                return e;
            }
        }
        throw new ProtocolException(ErrorCode.UNSUPPORTED_ENCODING, "encoding '" + name + "' is not supported; use one of "
                + Arrays.stream(values()).map(AudioEncoding::key).collect(Collectors.joining(", ")));
    }

    /** Decodes all of {@code bytes} (whole samples only) into floats in [-1, 1]. */
    public float[] decode(ByteBuffer bytes) {
        int n = bytes.remaining() / bytesPerSample;
        float[] out = new float[n];
        ByteBuffer b = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        switch (this) {
            case PCM16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getShort() / 32768f;
                }
            }
            case MULAW -> {
                for (int i = 0; i < n; i++) {
                    out[i] = G711.ulaw(b.get());
                }
            }
            case ALAW -> {
                for (int i = 0; i < n; i++) {
                    out[i] = G711.alaw(b.get());
                }
            }
            default -> throw new IllegalStateException(name());
        }
        return out;
    }
}
