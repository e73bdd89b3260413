package io.emospectrum.fusion.clip;

import io.emospectrum.fusion.FusedReading;
import io.emospectrum.spectrum.EmotionReading;

/**
 * Receives a clip's results as they are produced. Calls come from the analysis threads, one at a
 * time (never concurrently), windows in time order. Every method has an empty default.
 */
public interface ClipListener {

    /** A fused window (one per subject present in it), as soon as every modality has passed it. */
    default void onWindow(FusedReading window) {
    }

    /** A reading of one modality (a face in a frame, a voice window, a subtitle line) before fusion. */
    default void onReading(EmotionReading reading) {
    }

    /** A limitation of the clip (no sound, no face, bad subtitles, ...). */
    default void onIssue(ClipIssue issue) {
    }

    /**
     * Decoding has reached {@code seconds} of a clip of {@code durationSeconds} (NaN when the
     * container does not say).
     */
    default void onProgress(double seconds, double durationSeconds) {
    }

    /** A listener that ignores everything (when only the summary is wanted). */
    ClipListener NONE = new ClipListener() {
    };
}
