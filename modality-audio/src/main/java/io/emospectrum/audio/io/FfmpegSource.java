package io.emospectrum.audio.io;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.error.UnsupportedMediaException;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import java.nio.Buffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * Any container or codec FFmpeg reads (MP3, AAC/M4A, Opus, FLAC, a video's audio track), decoded
 * by JavaCV's {@link FFmpegFrameGrabber} to float samples at the stream's own rate: resampling is
 * done by {@link Resampler}, not by FFmpeg, so every input takes the same path.
 */
final class FfmpegSource implements AudioSource {
    private final FFmpegFrameGrabber grabber;
    private final String origin;
    private final int sampleRate;
    private final int channels;
    private final double duration;
    private float[] pending;
    private int pendingPos;
    private boolean ended;

    private FfmpegSource(FFmpegFrameGrabber grabber, String origin) {
        this.grabber = grabber;
        this.origin = origin;
        this.channels = grabber.getAudioChannels();
        this.sampleRate = grabber.getSampleRate();
        long micros = grabber.getLengthInTime();
        this.duration = micros > 0 ? micros / 1e6 : -1;
    }

    static AudioSource open(Path file) {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        g.setSampleMode(FrameGrabber.SampleMode.FLOAT);
        try {
            g.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly(g);
            throw new UnsupportedMediaException(file + " is not audio that FFmpeg can decode: " + e.getMessage(), e);
        }
        if (!g.hasAudio() || g.getAudioChannels() < 1) {
            closeQuietly(g);
            throw new UnsupportedMediaException(file + " has no audio track");
        }
        try {
            SampleRates.require(g.getSampleRate(), file.toString());
        } catch (RuntimeException e) {
            closeQuietly(g);
            throw e;
        }
        return new FfmpegSource(g, file.toString());
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
        while ((pending == null || pendingPos >= pending.length) && !ended) {
            pending = nextDecoded();
            pendingPos = 0;
        }
        if (pending == null || pendingPos >= pending.length) {
            return null;
        }
        int n = Math.min(maxFrames * channels, pending.length - pendingPos);
        float[] out = new float[n];
        System.arraycopy(pending, pendingPos, out, 0, n);
        pendingPos += n;
        return out;
    }

    private float[] nextDecoded() {
        Frame f;
        try {
            f = grabber.grabSamples();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw new InvalidInputException("corrupt audio in " + origin + ": " + e.getMessage(), e);
        }
        if (f == null) {
            ended = true;
            return null;
        }
        Buffer[] planes = f.samples;
        if (planes == null || planes.length == 0) {
            return new float[0];
        }
        if (planes.length == 1) {
            FloatBuffer b = (FloatBuffer) planes[0];
            float[] out = new float[b.remaining() - b.remaining() % channels];
            b.duplicate().get(out);
            return out;
        }
        // Planar: one buffer per channel; interleave.
        int frames = ((FloatBuffer) planes[0]).remaining();
        float[] out = new float[frames * channels];
        for (int c = 0; c < channels && c < planes.length; c++) {
            FloatBuffer b = ((FloatBuffer) planes[c]).duplicate();
            for (int i = 0; i < frames; i++) {
                out[i * channels + c] = b.get();
            }
        }
        return out;
    }

    @Override
    public void close() {
        closeQuietly(grabber);
    }

    private static void closeQuietly(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // releasing a decoder that failed; nothing more to free
        }
    }
}
