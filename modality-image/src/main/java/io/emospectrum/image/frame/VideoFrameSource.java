package io.emospectrum.image.frame;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.error.UnsupportedMediaException;
import io.emospectrum.media.ImageFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Decodes a video file or stream with JavaCV's {@link FFmpegFrameGrabber} into BGR
 * {@link ImageFrame}s with their timestamps, keeping the frames {@link FrameSampling} selects.
 * A frame that fails to decode is skipped with a warning and counted; the rest of the clip is
 * still read. Reusable by any module that wants faces from video (fusion decodes here and hands
 * the frames to a {@link io.emospectrum.spi.FaceTracker}). Not thread-safe; close it.
 */
public final class VideoFrameSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VideoFrameSource.class);
    /** Consecutive decode failures after which the source gives up on the rest of the stream. */
    static final int MAX_CONSECUTIVE_FAILURES = 100;

    private final FFmpegFrameGrabber grabber;
    private final String origin;
    private final FrameSampling.Sampler sampler;
    private long decoded;
    private long skipped;
    private boolean ended;
    private double lastTime = -1;

    private VideoFrameSource(FFmpegFrameGrabber grabber, String origin, FrameSampling sampling) {
        this.grabber = grabber;
        this.origin = origin;
        this.sampler = sampling.newSampler();
    }

    /**
     * Opens a video file.
     *
     * @throws InvalidInputException     if the file is missing, empty or not decodable
     * @throws UnsupportedMediaException if it has no video stream
     */
    public static VideoFrameSource open(Path file, FrameSampling sampling) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("video file " + file + " does not exist");
        }
        try {
            if (Files.size(file) == 0) {
                throw new InvalidInputException(file + " is empty (0 bytes)");
            }
        } catch (java.io.IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return open(new FFmpegFrameGrabber(file.toFile()), file.toString(), sampling);
    }

    /** Opens a stream URL or device that FFmpeg reads ({@code rtsp://...}, {@code udp://...}). */
    public static VideoFrameSource openUrl(String url, FrameSampling sampling) {
        return open(new FFmpegFrameGrabber(url), url, sampling);
    }

    private static VideoFrameSource open(FFmpegFrameGrabber g, String origin, FrameSampling sampling) {
        g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        try {
            g.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            release(g);
            throw new InvalidInputException("cannot open video " + origin + ": " + e.getMessage(), e);
        }
        if (g.getVideoStream() < 0 || g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
            release(g);
            throw new UnsupportedMediaException(origin + " has no video stream");
        }
        try {
            ImageFrame.checkSize(g.getImageWidth(), g.getImageHeight());
        } catch (InvalidInputException e) {
            release(g);
            throw e;
        }
        return new VideoFrameSource(g, origin, sampling);
    }

    private static void release(FFmpegFrameGrabber g) {
        try {
            g.release();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // already failing; the original error is the one to report
        }
    }

    public int width() {
        return grabber.getImageWidth();
    }

    public int height() {
        return grabber.getImageHeight();
    }

    /** The container's nominal frame rate (0 when unknown). */
    public double frameRate() {
        return grabber.getFrameRate();
    }

    /** Duration in seconds as the container states it (0 when unknown, e.g. live streams). */
    public double durationSeconds() {
        return Math.max(0, grabber.getLengthInTime() / 1e6);
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
            } catch (FrameGrabber.Exception | RuntimeException e) {
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
                return Optional.of(ImageFrames.fromFrame(f, t));
            }
        }
        return Optional.empty();
    }

    // FFmpeg drops a frame it cannot decode and only logs it; a hole in the timestamps shows it.
    private void noteGap(double t) {
        double fps = grabber.getFrameRate();
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
        release(grabber);
    }

    @Override
    public String toString() {
        return "VideoFrameSource[" + origin + ", " + width() + "x" + height() + "]";
    }
}
