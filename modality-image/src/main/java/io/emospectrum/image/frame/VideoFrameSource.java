package io.emospectrum.image.frame;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.error.UnsupportedMediaException;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.media.javacv.ImageFrameConverter;
import io.emospectrum.media.javacv.MediaGrabber;
import io.emospectrum.media.javacv.MediaGrabberFactory;
import org.bytedeco.javacv.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Decodes a video file or stream (opened by media-javacv's {@link MediaGrabberFactory}) into BGR
 * {@link ImageFrame}s with their timestamps, keeping the frames {@link FrameSampling} selects.
 * A frame that fails to decode is skipped with a warning and counted; the rest of the clip is
 * still read. For your own loop over a video's frames into a {@link io.emospectrum.spi.FaceTracker}
 * (fusion's clip analysis decodes with media-javacv directly: it reads the sound track in the same
 * pass). Not thread-safe; close it.
 */
public final class VideoFrameSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VideoFrameSource.class);
    /** Consecutive decode failures after which the source gives up on the rest of the stream. */
    static final int MAX_CONSECUTIVE_FAILURES = 100;

    private static final MediaGrabberFactory GRABBERS = MediaGrabberFactory.builder()
            .describedAs("video").require(MediaGrabberFactory.Require.VIDEO).bgrImages().build();

    private final MediaGrabber grabber;
    private final String origin;
    private final ImageFrameConverter converter = new ImageFrameConverter();
    private final FrameSampling.Sampler sampler;
    private long decoded;
    private long skipped;
    private boolean ended;
    private double lastTime = -1;

    private VideoFrameSource(MediaGrabber grabber, FrameSampling sampling) {
        this.grabber = grabber;
        this.origin = grabber.origin();
        this.sampler = sampling.newSampler();
    }

    /**
     * Opens a video file.
     *
     * @throws InvalidInputException     if the file is missing, empty or not decodable
     * @throws UnsupportedMediaException if it has no video stream
     */
    public static VideoFrameSource open(Path file, FrameSampling sampling) {
        return checked(GRABBERS.open(file), sampling);
    }

    /** Opens a stream URL or device that FFmpeg reads ({@code rtsp://...}, {@code udp://...}). */
    public static VideoFrameSource openUrl(String url, FrameSampling sampling) {
        return checked(GRABBERS.openUrl(url), sampling);
    }

    private static VideoFrameSource checked(MediaGrabber media, FrameSampling sampling) {
        try {
            ImageFrame.checkSize(media.width(), media.height());
        } catch (InvalidInputException e) {
            media.close();
            throw e;
        }
        return new VideoFrameSource(media, sampling);
    }

    public int width() {
        return grabber.width();
    }

    public int height() {
        return grabber.height();
    }

    /** The container's nominal frame rate (0 when unknown). */
    public double frameRate() {
        return grabber.frameRate();
    }

    /** Duration in seconds as the container states it (0 when unknown, e.g. live streams). */
    public double durationSeconds() {
        double declared = grabber.declaredSeconds();
        return Double.isNaN(declared) ? 0 : declared;
    }

    /** Frames decoded so far (kept or not). */
    public long decodedFrames() {
        return decoded;
    }

    /** Frames that failed to decode and were skipped. */
    public long skippedFrames() {
        return skipped;
    }

    /**
     * The next frame that sampling keeps, copied out of the grabber's buffer; empty at the end.
     */
    public Optional<ImageFrame> next() {
        int failures = 0;
        while (!ended) {
            Frame f;
            try {
                f = grabber.grabImage();
            } catch (RuntimeException e) {
                skipped++;
                LOG.warn("{}: skipped a frame that failed to decode after {} frames: {}", origin, decoded, e.getMessage());
                if (++failures >= MAX_CONSECUTIVE_FAILURES) {
                    LOG.warn("{}: {} decode failures in a row, stopping", origin, failures);
                    ended = true;
                }
                continue;
            }
            if (f == null) {
                ended = true;
                break;
            }
            if (f.image == null || f.imageWidth <= 0) {
                skipped++;
                LOG.warn("{}: skipped an empty frame after {} frames", origin, decoded);
                continue;
            }
            failures = 0;
            decoded++;
            double t = Math.max(0, f.timestamp / 1e6);
            noteGap(t);
            if (sampler.keep(t)) {
                return Optional.of(converter.convert(f, t));
            }
        }
        return Optional.empty();
    }

    // FFmpeg drops a frame it cannot decode and only logs it; a hole in the timestamps shows it.
    private void noteGap(double t) {
        double fps = grabber.frameRate();
        if (lastTime >= 0 && fps > 0) {
            long missing = Math.round((t - lastTime) * fps) - 1;
            if (missing > 0) {
                skipped += missing;
                LOG.warn("{}: {} frame(s) between {} s and {} s could not be decoded and were skipped", origin, missing,
                        String.format("%.3f", lastTime), String.format("%.3f", t));
            }
        }
        lastTime = t;
    }

    @Override
    public void close() {
        converter.close();
        grabber.close();
    }

    @Override
    public String toString() {
        return "VideoFrameSource[" + origin + ", " + width() + "x" + height() + "]";
    }
}
