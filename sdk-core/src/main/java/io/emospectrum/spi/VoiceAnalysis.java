package io.emospectrum.spi;

import io.emospectrum.spectrum.EmotionReading;

import java.util.List;
import java.util.Objects;

/** The reading of a recording: one reading per scored window (with its time span) and a summary. */
public record VoiceAnalysis(List<EmotionReading> windows, EmotionReading summary) {
    public VoiceAnalysis {
        Objects.requireNonNull(summary, "summary");
        windows = List.copyOf(windows);
    }
}
