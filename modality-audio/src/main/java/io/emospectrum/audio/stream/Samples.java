package io.emospectrum.audio.stream;

import io.emospectrum.error.InvalidInputException;

/** Checks on samples where they enter the SDK. */
public final class Samples {
    private Samples() {
    }

    /** @throws InvalidInputException at the first NaN or infinite sample, naming its index */
    public static void requireFinite(float[] samples, String what) {
        for (int i = 0; i < samples.length; i++) {
            if (!Float.isFinite(samples[i])) {
                throw new InvalidInputException(what + " has a " + (Float.isNaN(samples[i]) ? "NaN" : "infinite")
                        + " sample at index " + i + "; samples must be finite floats in [-1, 1]");
            }
        }
    }

    /** The channels of interleaved samples averaged into one. */
    public static float[] mixToMono(float[] interleaved, int channels) {
        if (channels == 1) {
            return interleaved;
        }
        float[] out = new float[interleaved.length / channels];
        for (int i = 0; i < out.length; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += interleaved[i * channels + c];
            }
            out[i] = sum / channels;
        }
        return out;
    }

    /** One channel of interleaved samples. */
    public static float[] channel(float[] interleaved, int channels, int index) {
        float[] out = new float[interleaved.length / channels];
        for (int i = 0; i < out.length; i++) {
            out[i] = interleaved[i * channels + index];
        }
        return out;
    }
}
