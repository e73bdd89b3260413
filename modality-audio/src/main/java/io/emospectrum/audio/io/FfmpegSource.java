package io.emospectrum.audio.io;

import io.emospectrum.media.AudioBuffer;
import io.emospectrum.media.javacv.AudioBufferConverter;
import io.emospectrum.media.javacv.MediaGrabber;
import io.emospectrum.media.javacv.MediaGrabberFactory;
import org.bytedeco.javacv.Frame;

import java.nio.file.Path;

/**
 * Any container or codec FFmpeg reads (MP3, AAC/M4A, Opus, FLAC, a video's audio track), opened by
 * media-javacv's {@link MediaGrabberFactory} and decoded to float samples at the stream's own rate: resampling is
 * done by {@link Resampler}, not by FFmpeg, so every input takes the same path.
 *
 * <p>Audio whose format changes mid-stream (a mono MP3 followed by a stereo one) is converted to
 * the first format, and a stream that ends well before the duration its container declares is read
 * as far as it goes; both are reported in {@link #issues()}.
 */
final class FfmpegSource implements AudioSource {
    private static final MediaGrabberFactory GRABBERS = MediaGrabberFactory.builder()
            .describedAs("audio").require(MediaGrabberFactory.Require.AUDIO).floatSamples().build();

    private final MediaGrabber grabber;
    private final AudioBufferConverter converter = new AudioBufferConverter();
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

    private FfmpegSource(MediaGrabber grabber) {
        this.grabber = grabber;
        this.origin = grabber.origin();
        this.channels = grabber.channels();
        this.sampleRate = grabber.sampleRate();
        double declared = grabber.declaredSeconds();
        this.duration = Double.isNaN(declared) ? -1 : declared;
    }

    static AudioSource open(Path file) {
        MediaGrabber g = GRABBERS.open(file);
        try {
            SampleRates.require(g.sampleRate(), file.toString());
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
        return new FfmpegSource(g);
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
        Frame f = grabber.grabSamples();
        if (f == null) {
            ended = true;
            return null;
        }
        AudioBuffer chunk = converter.convert(f);
        if (chunk == null) {
            return new float[0];
        }
        float[] out = new float[chunk.samples().remaining()];
        chunk.samples().get(out);
        int frameChannels = chunk.channels();
        int frameRate = chunk.sampleRate();
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
        grabber.truncation().ifPresent(t -> issues.add(String.format(java.util.Locale.ROOT,
                "%s: truncated or unreadable stream: %.2f s of audio decoded; %s",
                origin, framesOut / (double) sampleRate, t.describe())));
    }

    @Override
    public java.util.List<String> issues() {
        return java.util.List.copyOf(issues);
    }

    @Override
    public void close() {
        converter.close();
        grabber.close();
    }
}
