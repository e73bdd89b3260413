package io.emospectrum.media.javacv;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.error.UnsupportedMediaException;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens media files and streams with FFmpeg (JavaCV's {@link FFmpegFrameGrabber}): the one place
 * where the SDK's modules start a decoder. Configured once with a {@link Builder} (what to decode
 * to, which track the caller needs), then {@link #open(Path)} or {@link #openUrl(String)} per input.
 *
 * <p>Bad input fails with a typed error and leaves nothing open: a missing or empty file is an
 * {@link InvalidInputException}; a file FFmpeg cannot open, or one without the track asked for, an
 * {@link UnsupportedMediaException}. Immutable and thread-safe; each {@link MediaGrabber} is not.
 */
public final class MediaGrabberFactory {
    /** Which tracks an input must have to be opened. */
    public enum Require {
        /** A video stream with a picture size. */
        VIDEO,
        /** A sound track. */
        AUDIO,
        /** Either one. */
        VIDEO_OR_AUDIO
    }

    private final String noun;
    private final Require require;
    private final boolean bgrImages;
    private final boolean floatSamples;
    private final int sampleRate;
    private final int channels;

    private MediaGrabberFactory(Builder b) {
        this.noun = b.noun;
        this.require = b.require;
        this.bgrImages = b.bgrImages;
        this.floatSamples = b.floatSamples;
        this.sampleRate = b.sampleRate;
        this.channels = b.channels;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a file.
     *
     * @throws InvalidInputException     if it does not exist, is not a regular file or is empty
     * @throws UnsupportedMediaException if FFmpeg cannot open it or it lacks the required track
     */
    public MediaGrabber open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(noun + " file " + file + " does not exist or is not a regular file");
        }
        try {
            if (Files.size(file) == 0) {
                throw new InvalidInputException(file + " is empty (0 bytes)");
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return start(new FFmpegFrameGrabber(file.toFile()), file.toString(), file);
    }

    /** Opens a stream URL or device that FFmpeg reads ({@code rtsp://...}, {@code udp://...}). */
    public MediaGrabber openUrl(String url) {
        return start(new FFmpegFrameGrabber(url), url, null);
    }

    private MediaGrabber start(FFmpegFrameGrabber g, String origin, Path file) {
        NativeLogs.quietByDefault();
        if (bgrImages) {
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        }
        if (sampleRate > 0) {
            // packed floats at one rate (and channel count): FFmpeg resamples
            g.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
            g.setSampleRate(sampleRate);
            if (channels > 0) {
                g.setAudioChannels(channels);
            }
        } else if (floatSamples) {
            g.setSampleMode(FrameGrabber.SampleMode.FLOAT);
        }
        try {
            g.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            MediaGrabber.release(g);
            throw new UnsupportedMediaException("cannot open " + noun + " " + origin + " (not a media file FFmpeg reads?): "
                    + e.getMessage(), e);
        }
        MediaGrabber media = new MediaGrabber(g, origin, file, noun);
        String missing = switch (require) {
            case VIDEO -> media.hasVideo() ? null : " has no video stream";
            case AUDIO -> media.hasAudio() ? null : " has no audio track";
            case VIDEO_OR_AUDIO -> media.hasVideo() || media.hasAudio() ? null : " has neither a video stream nor a sound track";
        };
        if (missing != null) {
            media.close();
            throw new UnsupportedMediaException(origin + missing);
        }
        return media;
    }

    /**
     * Configures a factory. Defaults: any input with a video stream or a sound track, pictures and
     * samples in the decoder's own formats, described as "media" in errors.
     */
    public static final class Builder {
        private String noun = "media";
        private Require require = Require.VIDEO_OR_AUDIO;
        private boolean bgrImages;
        private boolean floatSamples;
        private int sampleRate;
        private int channels;

        private Builder() {
        }

        /** What the inputs are called in errors ("video", "clip", "audio"). */
        public Builder describedAs(String noun) {
            this.noun = Objects.requireNonNull(noun, "noun");
            return this;
        }

        /** The track an input must have; one without it fails to open. */
        public Builder require(Require require) {
            this.require = Objects.requireNonNull(require, "require");
            return this;
        }

        /** Pictures as packed 8-bit BGR ({@link ImageFrameConverter}'s default). */
        public Builder bgrImages() {
            this.bgrImages = true;
            return this;
        }

        /**
         * Samples as 32-bit floats at the stream's own rate and channel count, packed or planar as
         * the codec gives them ({@link AudioBufferConverter} reads both); a format change mid-stream
         * shows in the frames.
         */
        public Builder floatSamples() {
            this.floatSamples = true;
            return this;
        }

        /**
         * Samples as packed 32-bit floats resampled by FFmpeg to {@code hz}, mixed to
         * {@code channels} (0 keeps the stream's channels).
         */
        public Builder resampledAudio(int hz, int channels) {
            if (hz < 1 || channels < 0) {
                throw new ConfigurationException("resampled audio needs a rate > 0 and channels >= 0, was " + hz + " Hz x " + channels);
            }
            this.sampleRate = hz;
            this.channels = channels;
            return this;
        }

        public MediaGrabberFactory build() {
            return new MediaGrabberFactory(this);
        }
    }
}
