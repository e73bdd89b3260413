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
 *
 * <p>Audio whose format changes mid-stream (a mono MP3 followed by a stereo one) is converted to
 * the first format, and a stream that ends well before the duration its container declares is read
 * as far as it goes; both are reported in {@link #issues()}.
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
    private final java.util.List<String> issues = new java.util.ArrayList<>();
    private long framesOut;
    private boolean formatChangeReported;
    private boolean shortReported;
    private Resampler[] resamplers = new Resampler[0];

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
            reportShortStream();
            return null;
        }
        int n = Math.min(maxFrames * channels, pending.length - pendingPos);
        framesOut += n / channels;
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
        int frameChannels = f.audioChannels > 0 ? f.audioChannels : channels;
        int frameRate = f.sampleRate > 0 ? f.sampleRate : sampleRate;
        float[] out;
        if (planes.length == 1) {
            FloatBuffer b = (FloatBuffer) planes[0];
            out = new float[b.remaining() - b.remaining() % frameChannels];
            b.duplicate().get(out);
        } else { // planar: one buffer per channel; interleave
            int frames = ((FloatBuffer) planes[0]).remaining();
            out = new float[frames * frameChannels];
            for (int c = 0; c < frameChannels && c < planes.length; c++) {
                FloatBuffer b = ((FloatBuffer) planes[c]).duplicate();
                for (int i = 0; i < frames; i++) {
                    out[i * frameChannels + c] = b.get();
                }
            }
        }
        if (frameChannels == channels && frameRate == sampleRate) {
            return out;
        }
        return conform(out, frameChannels, frameRate);
    }

    /** Converts a frame whose format changed mid-stream to the stream's first format. */
    private float[] conform(float[] in, int inChannels, int inRate) {
        if (!formatChangeReported) {
            formatChangeReported = true;
            issues.add(String.format(java.util.Locale.ROOT,
                    "%s changes its audio format mid-stream at %.2f s (%d Hz x %d channels, then %d Hz x %d channels); "
                            + "the rest was converted to the first format", origin, framesOut / (double) sampleRate,
                    sampleRate, channels, inRate, inChannels));
        }
        int frames = in.length / inChannels;
        float[][] perChannel = new float[channels][frames];
        for (int i = 0; i < frames; i++) {
            float mix = 0;
            for (int c = 0; c < inChannels; c++) {
                mix += in[i * inChannels + c];
            }
            mix /= inChannels;
            for (int c = 0; c < channels; c++) {
                // the same channel where both have it; a mix where the first format has fewer channels
                perChannel[c][i] = inChannels == 1 ? in[i] : channels == 1 ? mix : c < inChannels ? in[i * inChannels + c] : mix;
            }
        }
        if (inRate != sampleRate) {
            if (resamplers.length != channels || resamplers[0].inRate() != inRate) {
                resamplers = new Resampler[channels];
                for (int c = 0; c < channels; c++) {
                    resamplers[c] = new Resampler(inRate, sampleRate);
                }
            }
            for (int c = 0; c < channels; c++) {
                perChannel[c] = resamplers[c].process(perChannel[c]);
            }
        }
        int outFrames = perChannel[0].length;
        float[] out = new float[outFrames * channels];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < outFrames; i++) {
                out[i * channels + c] = perChannel[c][i];
            }
        }
        return out;
    }

    /** A stream whose index points past the end of the file was cut short (declared durations are no measure). */
    private void reportShortStream() {
        if (shortReported) {
            return;
        }
        shortReported = true;
        long indexEnd = -1;
        org.bytedeco.ffmpeg.avformat.AVFormatContext oc = grabber.getFormatContext();
        for (int i = 0; oc != null && i < oc.nb_streams(); i++) {
            int n = org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count(oc.streams(i));
            if (n > 0) {
                org.bytedeco.ffmpeg.avformat.AVIndexEntry e = org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry(oc.streams(i), n - 1);
                if (e != null && !e.isNull() && e.pos() >= 0) {
                    indexEnd = Math.max(indexEnd, e.pos() + e.size());
                }
            }
        }
        long size = new java.io.File(origin).length();
        if (size > 0 && indexEnd > size) {
            issues.add(String.format(java.util.Locale.ROOT,
                    "%s: truncated or unreadable stream: %.2f s of audio decoded; the file ends at byte %d of the %d its index covers",
                    origin, framesOut / (double) sampleRate, size, indexEnd));
        }
    }

    @Override
    public java.util.List<String> issues() {
        return java.util.List.copyOf(issues);
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
