package io.emospectrum.media.javacv;

import io.emospectrum.error.InvalidInputException;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * One opened media input ({@link MediaGrabberFactory#open}): its streams, and its frames one at a
 * time. A returned {@link Frame} is the grabber's own and is overwritten by the next grab: convert
 * it ({@link ImageFrameConverter}, {@link AudioBufferConverter}) to keep it. A frame that fails to
 * decode is an {@link InvalidInputException}; the caller chooses whether to skip it or stop.
 * Not thread-safe; close it (closing twice is harmless).
 */
public final class MediaGrabber implements AutoCloseable {
    private final FFmpegFrameGrabber grabber;
    private final String origin;
    private final Path file;
    private final String noun;
    private final int width;
    private final int height;
    private boolean closed;

    MediaGrabber(FFmpegFrameGrabber grabber, String origin, Path file, String noun) {
        this.grabber = grabber;
        this.origin = origin;
        this.file = file;
        this.noun = noun;
        this.width = grabber.getVideoStream() >= 0 ? Math.max(0, grabber.getImageWidth()) : 0;
        this.height = grabber.getVideoStream() >= 0 ? Math.max(0, grabber.getImageHeight()) : 0;
    }

    /** The file or URL, as given. */
    public String origin() {
        return origin;
    }

    /** Whether there is a video stream with a picture size. */
    public boolean hasVideo() {
        return width > 0 && height > 0;
    }

    /** Whether there is a sound track. */
    public boolean hasAudio() {
        return grabber.hasAudio() && grabber.getAudioChannels() > 0;
    }

    /** The stream's picture width (before any {@link #scaleImagesTo scaling}); 0 without video. */
    public int width() {
        return width;
    }

    /** The stream's picture height (before any scaling); 0 without video. */
    public int height() {
        return height;
    }

    /** The container's nominal frame rate (0 when unknown). */
    public double frameRate() {
        return grabber.getFrameRate();
    }

    /** The duration the container declares, in seconds; NaN when it does not say (live streams). */
    public double declaredSeconds() {
        long micros = grabber.getLengthInTime();
        return micros > 0 ? micros / 1e6 : Double.NaN;
    }

    /** The sample rate frames are decoded at (the stream's, or the one asked for). */
    public int sampleRate() {
        return grabber.getSampleRate();
    }

    /** The channel count frames are decoded with (the stream's, or the one asked for). */
    public int channels() {
        return grabber.getAudioChannels();
    }

    /**
     * Has FFmpeg scale pictures (while it converts their pixels: cheaper than afterwards) so that
     * their longer side is at most {@code maxSide}; returns the scale applied (1 when none is needed).
     */
    public double scaleImagesTo(int maxSide) {
        int longer = Math.max(width, height);
        if (!hasVideo() || maxSide <= 0 || longer <= maxSide) {
            return 1;
        }
        double scale = maxSide / (double) longer;
        grabber.setImageWidth(Math.max(1, (int) Math.round(width * scale)));
        grabber.setImageHeight(Math.max(1, (int) Math.round(height * scale)));
        return scale;
    }

    /** The next picture or sound frame, in stream order; null at the end. */
    public Frame grab() {
        try {
            return grabber.grab();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw decodeFailure(e);
        }
    }

    /** The next picture; null at the end. */
    public Frame grabImage() {
        try {
            return grabber.grabImage();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw decodeFailure(e);
        }
    }

    /** The next sound frame; null at the end. */
    public Frame grabSamples() {
        try {
            return grabber.grabSamples();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw decodeFailure(e);
        }
    }

    private InvalidInputException decodeFailure(Exception e) {
        return new InvalidInputException("cannot decode " + noun + " " + origin + ": " + e.getMessage(), e);
    }

    /**
     * Whether the file was cut short: its container's index lists packets past the end of the file.
     * (Declared durations are no measure of that: muxers write wrong ones.) Empty for streams and
     * for containers without an index.
     */
    public Optional<Truncation> truncation() {
        if (file == null) {
            return Optional.empty();
        }
        long indexed = indexedEnd(grabber.getFormatContext());
        long size = file.toFile().length();
        return size > 0 && indexed > size ? Optional.of(new Truncation(size, indexed)) : Optional.empty();
    }

    /** The end of the last packet the container's index lists, over all streams; -1 without an index. */
    private static long indexedEnd(AVFormatContext oc) {
        long end = -1;
        for (int i = 0; oc != null && i < oc.nb_streams(); i++) {
            AVStream st = oc.streams(i);
            int n = avformat.avformat_index_get_entries_count(st);
            if (n > 0) {
                AVIndexEntry e = avformat.avformat_index_get_entry(st, n - 1);
                if (e != null && !e.isNull() && e.pos() >= 0) {
                    end = Math.max(end, e.pos() + e.size());
                }
            }
        }
        return end;
    }

    /**
     * A file shorter than its container's index says.
     *
     * @param fileBytes    the file's size
     * @param indexedBytes where the last packet the index lists ends
     */
    public record Truncation(long fileBytes, long indexedBytes) {
        /** "the file ends at byte N of the M its index covers". */
        public String describe() {
            return String.format(Locale.ROOT, "the file ends at byte %d of the %d its index covers", fileBytes, indexedBytes);
        }
    }

    /** Stops the decoder and frees its native memory. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            release(grabber);
        }
    }

    static void release(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // releasing a decoder that failed or ended; there is nothing more to free
        }
    }

    @Override
    public String toString() {
        return "MediaGrabber[" + origin + (hasVideo() ? ", " + width + "x" + height : "") + (hasAudio() ? ", audio" : "") + "]";
    }
}
