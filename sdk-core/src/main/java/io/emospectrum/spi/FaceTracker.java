package io.emospectrum.spi;

import io.emospectrum.media.ImageFrame;
import io.emospectrum.spectrum.EmotionReading;

import java.util.List;

/**
 * Follows faces across the frames of one video. Each reading carries the frame's time, the face
 * box and a stable subject id per track. Frames come in time order, one at a time or in batches;
 * a tracker may run its detector on only some frames and follow the faces in between (the image
 * module's {@code detect-interval}), counting frames across calls. Not thread-safe: one tracker
 * per video.
 */
public interface FaceTracker extends AutoCloseable {

    /**
     * Detects, classifies and tracks the faces of the next frames (in time order), batched as the
     * implementation can.
     *
     * @return per frame, in input order, its tracked readings (an empty list for a frame without faces)
     * @throws io.emospectrum.error.InvalidInputException if a frame is older than one already seen
     */
    List<List<EmotionReading>> acceptAll(List<ImageFrame> frames);

    /** The next frame alone: {@code acceptAll(List.of(frame)).get(0)}. */
    default List<EmotionReading> accept(ImageFrame frame) {
        return acceptAll(List.of(frame)).get(0);
    }

    /** One summary reading per track seen so far, spanning the track's first to last frame. */
    List<EmotionReading> trackSummaries();

    @Override
    void close();
}
