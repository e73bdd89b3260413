package io.emospectrum.spi;

import io.emospectrum.spectrum.EmotionReading;

import java.util.List;
import java.util.Objects;

/**
 * The reading of a recording: one reading per scored window (with its time span), a summary, and
 * what was wrong with the recording though it could be read in part (a file cut short, a format
 * that changed mid-stream), one sentence each: a caller must not treat those as a clean result.
 */
public record VoiceAnalysis(List<EmotionReading> windows, EmotionReading summary, List<String> issues) {
    public VoiceAnalysis {
        Objects.requireNonNull(summary, "summary");
        windows = List.copyOf(windows);
        issues = List.copyOf(issues);
    }

    /** A recording read without issues. */
    public VoiceAnalysis(List<EmotionReading> windows, EmotionReading summary) {
        this(windows, summary, List.of());
    }
}
