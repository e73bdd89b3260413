package io.emospectrum.spi;

import io.emospectrum.spectrum.EmotionReading;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The reading of one text: an aggregate over the whole text and one reading per segment
 * (sentence or token window) with its character span.
 *
 * @param language          ISO 639-1 code of the language the extractor identified ({@code "und"}
 *                          when too short to tell), or null when the extractor does not identify languages
 * @param languageSupported false when the text is in a language the model does not read: its
 *                          readings are then a guess and carry a low confidence
 */
public record TextAnalysis(EmotionReading overall, List<EmotionReading> segments, String language, boolean languageSupported) {
    public TextAnalysis {
        Objects.requireNonNull(overall, "overall");
        segments = List.copyOf(segments);
    }

    /** An analysis by an extractor that does not identify languages. */
    public TextAnalysis(EmotionReading overall, List<EmotionReading> segments) {
        this(overall, segments, null, true);
    }

    public Optional<String> languageCode() {
        return Optional.ofNullable(language);
    }
}
