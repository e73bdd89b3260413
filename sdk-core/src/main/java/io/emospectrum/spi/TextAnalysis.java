package io.emospectrum.spi;

import io.emospectrum.spectrum.EmotionReading;

import java.util.List;
import java.util.Objects;

/**
 * The reading of one text: an aggregate over the whole text and one reading per segment
 * (sentence or token window) with its character span.
 */
public record TextAnalysis(EmotionReading overall, List<EmotionReading> segments) {
    public TextAnalysis {
        Objects.requireNonNull(overall, "overall");
        segments = List.copyOf(segments);
    }
}
