package io.emospectrum.audio.io;

import io.emospectrum.error.InvalidInputException;

import java.io.IOException;
import java.io.InputStream;

/**
 * Interleaved PCM read from a byte stream: the data of a WAV file or a headerless raw PCM file.
 * The read buffer is reused between calls; each returned chunk is a new array.
 */
final class PcmStreamSource implements AudioSource {
    private final InputStream in;
    private final String origin;
    private final PcmEncoding encoding;
    private final int sampleRate;
    private final int channels;
    private final double duration;
    private final long declaredBytes;
    private long bytesRead;
    private boolean cutShort;
    private long bytesLeft;
    private byte[] buffer = new byte[0];
    private int carry;

    /** @param dataBytes bytes of PCM to read, or a negative number for "to the end of the stream" */
    PcmStreamSource(InputStream in, String origin, PcmEncoding encoding, int sampleRate, int channels, long dataBytes) {
        this.in = in;
        this.origin = origin;
        this.encoding = encoding;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.declaredBytes = dataBytes;
        this.bytesLeft = dataBytes < 0 ? Long.MAX_VALUE : dataBytes;
        this.duration = dataBytes < 0 ? -1 : dataBytes / (double) (encoding.bytesPerSample() * channels) / sampleRate;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public double declaredDurationSeconds() {
        return duration;
    }

    @Override
    public float[] read(int maxFrames) {
        int frameBytes = encoding.bytesPerSample() * channels;
        int want = (int) Math.min((long) maxFrames * frameBytes, bytesLeft);
        if (want <= 0) {
            return null;
        }
        if (buffer.length < want) {
            buffer = new byte[want];
        }
        int got = carry;
        carry = 0;
        try {
            while (got < want) {
                int n = in.read(buffer, got, want - got);
                if (n < 0) {
                    break;
                }
                got += n;
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read audio data of " + origin + ": " + e.getMessage(), e);
        }
        bytesLeft -= got;
        bytesRead += got;
        int frames = got / frameBytes;
        if (got < want && declaredBytes >= 0) {
            cutShort = true; // the stream ended before the size its header declares
        }
        if (frames == 0) {
            bytesLeft = 0; // a trailing partial frame is dropped, as players do
            return null;
        }
        if (got < want) {
            bytesLeft = 0;
        }
        float[] out = new float[frames * channels];
        encoding.decode(buffer, 0, out, 0, out.length);
        return out;
    }

    @Override
    public java.util.List<String> issues() {
        if (!cutShort) {
            return java.util.List.of();
        }
        double bytesPerSecond = (double) encoding.bytesPerSample() * channels * sampleRate;
        return java.util.List.of(String.format(java.util.Locale.ROOT,
                "%s is truncated: its header declares %.2f s of audio, the file holds %.2f s (read what is there)",
                origin, declaredBytes / bytesPerSecond, bytesRead / bytesPerSecond));
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing was written; a failed close of a read stream loses nothing
        }
    }
}
