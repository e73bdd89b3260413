package io.emospectrum.spectrum;

import java.util.Optional;

/**
 * Where in the input a reading applies. Each part is optional: a video face has a time and a box,
 * a sentence a character range, a voice window a time.
 */
public record Span(TimeSpan time, TextSpan text, BoundingBox box) {
    /** Applies to the whole input. */
    public static final Span WHOLE = new Span(null, null, null);

    public static Span of(TimeSpan time) {
        return new Span(time, null, null);
    }

    public static Span of(TextSpan text) {
        return new Span(null, text, null);
    }

    public static Span of(BoundingBox box) {
        return new Span(null, null, box);
    }

    public Span withTime(TimeSpan t) {
        return new Span(t, text, box);
    }

    public Span withBox(BoundingBox b) {
        return new Span(time, text, b);
    }

    public Optional<TimeSpan> timeSpan() {
        return Optional.ofNullable(time);
    }

    public Optional<TextSpan> textSpan() {
        return Optional.ofNullable(text);
    }

    public Optional<BoundingBox> boundingBox() {
        return Optional.ofNullable(box);
    }
}
