package io.emospectrum.conversation;

import io.emospectrum.spectrum.TimeSpan;

import java.util.Objects;
import java.util.Optional;

/**
 * One turn of a conversation: who spoke, what they said, and when (optional).
 *
 * @param speaker who spoke ({@code "agent"}, {@code "customer"}, a name); never blank
 * @param text    what they said
 * @param time    when, in seconds from the start of the conversation; null when not known
 */
public record Turn(String speaker, String text, TimeSpan time) {
    public Turn {
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(text, "text");
        if (speaker.isBlank()) {
            throw new IllegalArgumentException("a turn's speaker must not be blank");
        }
    }

    /** A turn without times. */
    public static Turn of(String speaker, String text) {
        return new Turn(speaker, text, null);
    }

    /** A turn spoken from {@code start} to {@code end} seconds. */
    public static Turn of(String speaker, String text, double start, double end) {
        return new Turn(speaker, text, new TimeSpan(start, end));
    }

    public Optional<TimeSpan> timeSpan() {
        return Optional.ofNullable(time);
    }
}
