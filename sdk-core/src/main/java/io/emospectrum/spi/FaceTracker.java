package io.emospectrum.spi;

import io.emospectrum.media.ImageFrame;
import io.emospectrum.spectrum.EmotionReading;

import java.util.List;

/**
 * Follows faces across the frames of one video. Each reading carries the frame's time, the face
 * box and a stable subject id per track. Not thread-safe: one tracker per video.
 */
public interface FaceTracker extends AutoCloseable {

    /** Detects, classifies and tracks the faces of the next frame (frames in time order). */
    List<EmotionReading> accept(ImageFrame frame);

    /** One summary reading per track seen so far, spanning the track's first to last frame. */
    List<EmotionReading> trackSummaries();

    @Override
    void close();
}
