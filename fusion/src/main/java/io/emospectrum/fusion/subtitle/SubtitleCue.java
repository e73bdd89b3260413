package io.emospectrum.fusion.subtitle;

import io.emospectrum.spectrum.TimeSpan;

import java.util.Objects;

/**
 * One subtitle line: when it is shown and what it says (markup removed, lines joined by a space).
 *
 * @param index position in the file, from 1
 * @param time  when it is shown
 * @param text  the words, never blank
 */
public record SubtitleCue(int index, TimeSpan time, String text) {
    public SubtitleCue {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("cue " + index + " has no text");
        }
    }

    /** The cue cut to end at {@code seconds}; null if it starts there or later. */
    public SubtitleCue clippedTo(double seconds) {
        if (time.start() >= seconds) {
            return null;
        }
        return time.end() <= seconds ? this : new SubtitleCue(index, new TimeSpan(time.start(), seconds), text);
    }
}
