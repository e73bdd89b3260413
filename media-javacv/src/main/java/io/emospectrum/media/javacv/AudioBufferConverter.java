package io.emospectrum.media.javacv;

import io.emospectrum.error.UnsupportedMediaException;
import io.emospectrum.media.AudioBuffer;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameConverter;

import java.nio.Buffer;
import java.nio.FloatBuffer;

/**
 * Two-way conversion between JavaCV's {@link Frame} and the SDK's {@link AudioBuffer}, in the
 * manner of JavaCV's own converters. {@link #convert(Frame)} always copies (a grabber reuses its
 * buffers) and interleaves planar samples; {@link #convert(AudioBuffer)} fills a frame the converter
 * owns and reuses: it is valid until the next call or {@link #close()}. Samples are 32-bit floats
 * ({@link MediaGrabberFactory.Builder#floatSamples()} or {@code resampledAudio}). Not thread-safe.
 */
public final class AudioBufferConverter extends FrameConverter<AudioBuffer> {

    /** A copy of the samples, starting at the frame's own time; null for null or a frame without samples. */
    @Override
    public AudioBuffer convert(Frame f) {
        return f == null || f.samples == null ? null : convert(f, Math.max(0, f.timestamp / 1e6));
    }

    /**
     * A copy of the samples (interleaved), starting at {@code startSeconds}: counting samples places
     * chunks without the drift and gaps of packet timestamps. A trailing partial sample frame is dropped.
     */
    public AudioBuffer convert(Frame f, double startSeconds) {
        Buffer[] planes = f.samples;
        int channels = f.audioChannels;
        if (planes == null || planes.length == 0 || channels < 1 || f.sampleRate < 1) {
            throw new UnsupportedMediaException("unexpected decoded audio: " + (planes == null ? 0 : planes.length)
                    + " planes, " + channels + " channels at " + f.sampleRate + " Hz");
        }
        for (Buffer b : planes) {
            if (!(b instanceof FloatBuffer)) {
                throw new UnsupportedMediaException("unexpected decoded audio layout: " + planes.length + " planes of "
                        + b.getClass().getSimpleName() + " (float samples expected)");
            }
        }
        float[] out;
        if (planes.length == 1) {
            FloatBuffer in = ((FloatBuffer) planes[0]).duplicate();
            out = new float[in.remaining() - in.remaining() % channels];
            in.get(out);
        } else if (planes.length == channels) { // planar: one buffer per channel; interleave
            int frames = planes[0].remaining();
            out = new float[frames * channels];
            for (int c = 0; c < channels; c++) {
                FloatBuffer in = ((FloatBuffer) planes[c]).duplicate();
                for (int i = 0; i < frames && in.hasRemaining(); i++) {
                    out[i * channels + c] = in.get();
                }
            }
        } else {
            throw new UnsupportedMediaException("unexpected decoded audio layout: " + planes.length + " planes for "
                    + channels + " channels");
        }
        return AudioBuffer.of(out, channels, f.sampleRate, Math.max(0, startSeconds));
    }

    /** The samples in a JavaCV frame (packed floats), with the buffer's start time; null for null. */
    @Override
    public Frame convert(AudioBuffer audio) {
        if (audio == null) {
            return null;
        }
        if (frame == null) {
            frame = new Frame();
        }
        FloatBuffer in = audio.samples();
        float[] copy = new float[in.remaining()];
        in.duplicate().get(copy);
        frame.samples = new Buffer[] {FloatBuffer.wrap(copy)};
        frame.audioChannels = audio.channels();
        frame.sampleRate = audio.sampleRate();
        frame.timestamp = Math.round(audio.startSeconds() * 1e6);
        return frame;
    }
}
