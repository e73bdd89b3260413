package io.emospectrum.spi;

import io.emospectrum.spectrum.EmotionReading;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The reading of one text: an aggregate over the whole text and one reading per segment
 * (sentence or token window) with its character span.
 *
 * @param language          ISO 639-1 code of the language the extractor identified ({@code "und"}
 *                          when too short to tell), or null when the extractor does not identify languages
 * @param languageSupported false when the text is in a language the model does not read: its
 *                          readings are then a guess and carry a low confidence
 * @param cautions          what in the text the model is known to read poorly (empty when nothing, or
 *                          when the extractor does not look)
 */
public record TextAnalysis(EmotionReading overall, List<EmotionReading> segments, String language, boolean languageSupported,
                           Set<TextCaution> cautions) {
    public TextAnalysis {
        Objects.requireNonNull(overall, "overall");
        segments = List.copyOf(segments);
        cautions = Objects.requireNonNull(cautions, "cautions").isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(cautions));
    }

    /** An analysis without cautions. */
    public TextAnalysis(EmotionReading overall, List<EmotionReading> segments, String language, boolean languageSupported) {
        this(overall, segments, language, languageSupported, Set.of());
    }

    /** An analysis by an extractor that does not identify languages. */
    public TextAnalysis(EmotionReading overall, List<EmotionReading> segments) {
        this(overall, segments, null, true);
    }

    /** The same analysis with other language fields (what a router that chose the model knows better). */
    public TextAnalysis withLanguage(String language, boolean languageSupported) {
        return new TextAnalysis(overall, segments, language, languageSupported, cautions);
    }

    public Optional<String> languageCode() {
        return Optional.ofNullable(language);
    }
}
