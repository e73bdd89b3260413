package io.emospectrum.audio;

import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Generated signals, WAV files written byte by byte, and the shared RAVDESS data when present. */
public final class TestAudio {
    private TestAudio() {
    }

    public static float[] sine(double hz, double seconds, int rate, double amplitude) {
        float[] x = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    /** Interleaved samples as a WAV file: integer PCM of {@code bits}, or float when {@code floating}. */
    public static byte[] wav(float[] interleaved, int channels, int rate, int bits, boolean floating) {
        int bps = bits / 8;
        ByteBuffer data = ByteBuffer.allocate(interleaved.length * bps).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : interleaved) {
            double v = Math.max(-1, Math.min(1, f));
            if (floating) {
                data.putFloat(f);
            } else if (bits == 8) {
                data.put((byte) Math.round(v * 127 + 128));
            } else if (bits == 16) {
                data.putShort((short) Math.round(v * 32767));
            } else if (bits == 24) {
                int s = (int) Math.round(v * 8388607);
                data.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
            } else {
                data.putInt((int) Math.round(v * 2147483647.0));
            }
        }
        return wavBytes(data.array(), channels, rate, bits, floating ? 3 : 1, data.capacity());
    }

    /** A WAV header with a declared data size (which may differ from the bytes that follow). */
    public static byte[] wavBytes(byte[] data, int channels, int rate, int bits, int format, long declaredDataSize) {
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt((int) (36 + declaredDataSize)).put("WAVE".getBytes());
        h.put("fmt ".getBytes()).putInt(16).putShort((short) format).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        h.put("data".getBytes()).putInt((int) declaredDataSize);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        out.writeBytes(data);
        return out.toByteArray();
    }

    public static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** RAVDESS emotion codes 01-08, in this order (the bundled model's labels). */
    public static final List<String> RAVDESS_LABELS = List.of("neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised");

    /** The shared RAVDESS copy; skips the test when it is absent. */
    public static Path ravdess() {
        Path dir = Path.of(System.getProperty("emospectrum.shared.data", "../shared/data"), "speech", "ravdess");
        Assumptions.assumeTrue(Files.isDirectory(dir), "RAVDESS not found at " + dir.toAbsolutePath()
                + " (set -Demospectrum.shared.data); skipping the tests that need real speech");
        return dir;
    }

    /**
     * Held-out speech clips (actors 19-20, never trained on) whose RAVDESS label is in {@code labels}
     * (all when empty): every {@code step}-th, sorted by path. The file name is
     * {@code 03-01-EE-II-SS-RR-AA.wav} with EE the emotion code.
     */
    public static List<Path> heldOut(int step, java.util.Set<String> labels) {
        List<Path> all;
        try (java.util.stream.Stream<Path> s = Files.walk(ravdess())) {
            all = s.filter(p -> p.getFileName().toString().matches("03-01-0[1-8]-\\d\\d-\\d\\d-\\d\\d-(19|20)\\.wav"))
                    .filter(p -> labels.isEmpty() || labels.contains(RAVDESS_LABELS.get(Integer.parseInt(p.getFileName().toString().substring(6, 8)) - 1)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        java.util.ArrayList<Path> out = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i += step) {
            out.add(all.get(i));
        }
        return out;
    }
}
