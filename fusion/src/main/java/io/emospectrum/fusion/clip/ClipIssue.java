package io.emospectrum.fusion.clip;

import java.util.Objects;

/**
 * Something about a clip that limits what could be read, reported instead of failing: the
 * timeline still holds whatever the other modalities read.
 */
public record ClipIssue(Kind kind, String message) {
    public ClipIssue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** What kind of limitation it is. */
    public enum Kind {
        /** The clip has no sound track. */
        NO_AUDIO,
        /** The clip has no video stream. */
        NO_VIDEO,
        /** Frames were analyzed but no face was found. */
        NO_FACES,
        /** There was sound but the voice extractor scored no window (silence, or too short). */
        NO_VOICE,
        /** The subtitle file could not be read or parsed; the timeline has no text. */
        SUBTITLES_UNREADABLE,
        /** Subtitle cues run past the end of the clip; they were cut or dropped. */
        SUBTITLES_PAST_END,
        /** No extractor for a modality the clip carries is available. */
        NO_EXTRACTOR,
        /** Readings arrived after their windows had been emitted; their share there was dropped. */
        LATE_READINGS,
        /** The clip ends (or stops decoding) well before the duration its container declares: it was read as far as it goes. */
        TRUNCATED
    }
}
