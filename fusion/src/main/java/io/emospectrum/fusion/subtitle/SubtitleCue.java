package io.emospectrum.fusion.subtitle;

import io.emospectrum.spectrum.TimeSpan;

import java.util.Objects;
import java.util.Optional;

/**
 * One subtitle line: when it is shown, what it says (markup removed, lines joined by a space) and
 * who says it, where the format names a speaker (a WebVTT voice tag {@code <v Name>}).
 *
 * @param index   position in the file, from 1
 * @param time    when it is shown
 * @param text    the words, never blank
 * @param speaker the speaker the file names, or null
 */
public record SubtitleCue(int index, TimeSpan time, String text, String speaker) {
    public SubtitleCue {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("cue " + index + " has no text");
        }
        if (speaker != null && speaker.isBlank()) {
            speaker = null;
        }
    }

    /** A cue whose speaker is not named. */
    public SubtitleCue(int index, TimeSpan time, String text) {
        this(index, time, text, null);
    }

    public Optional<String> speakerName() {
        return Optional.ofNullable(speaker);
    }

    /** The cue cut to end at {@code seconds}; null if it starts there or later. */
    public SubtitleCue clippedTo(double seconds) {
        if (time.start() >= seconds) {
            return null;
        }
        return time.end() <= seconds ? this : new SubtitleCue(index, new TimeSpan(time.start(), seconds), text, speaker);
    }
}
