package io.emospectrum.media;

import io.emospectrum.error.InvalidInputException;

import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * PCM audio as it crosses module borders: float samples in [-1, 1], channels interleaved.
 * The factory methods take ownership of the array and do not copy it.
 *
 * @param samples      {@code frames * channels} samples, read-only
 * @param channels     1 for mono, 2 for stereo, ...
 * @param sampleRate   frames per second
 * @param startSeconds position of the first frame in the source (for chunks of a stream)
 */
public record AudioBuffer(FloatBuffer samples, int channels, int sampleRate, double startSeconds) {
    public AudioBuffer {
        Objects.requireNonNull(samples, "samples");
        if (channels < 1) {
            throw new InvalidInputException("audio needs at least one channel, got " + channels);
        }
        if (sampleRate < 1) {
            throw new InvalidInputException("sample rate must be positive, was " + sampleRate);
        }
        if (samples.remaining() % channels != 0) {
            throw new InvalidInputException(samples.remaining() + " samples do not split into " + channels + " channels");
        }
        if (!(startSeconds >= 0) || Double.isInfinite(startSeconds)) {
            throw new InvalidInputException("start must be finite and >= 0, was " + startSeconds);
        }
        samples = samples.asReadOnlyBuffer();
    }

    public static AudioBuffer of(float[] interleaved, int channels, int sampleRate) {
        return new AudioBuffer(FloatBuffer.wrap(interleaved), channels, sampleRate, 0);
    }

    public static AudioBuffer of(float[] interleaved, int channels, int sampleRate, double startSeconds) {
        return new AudioBuffer(FloatBuffer.wrap(interleaved), channels, sampleRate, startSeconds);
    }

    /** A fresh view of the samples, positioned at 0. */
    @Override
    public FloatBuffer samples() {
        return samples.duplicate();
    }

    public int frames() {
        return samples.remaining() / channels;
    }

    public double durationSeconds() {
        return frames() / (double) sampleRate;
    }

    /** One channel's samples, de-interleaved into a new array. */
    public float[] channel(int index) {
        if (index < 0 || index >= channels) {
            throw new IllegalArgumentException("channel " + index + " of " + channels);
        }
        FloatBuffer s = samples.duplicate();
        float[] out = new float[frames()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.get(i * channels + index);
        }
        return out;
    }

    /** The channels averaged into one. */
    public float[] mono() {
        if (channels == 1) {
            float[] out = new float[frames()];
            samples.duplicate().get(out);
            return out;
        }
        FloatBuffer s = samples.duplicate();
        float[] out = new float[frames()];
        for (int i = 0; i < out.length; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += s.get(i * channels + c);
            }
            out[i] = sum / channels;
        }
        return out;
    }
}
