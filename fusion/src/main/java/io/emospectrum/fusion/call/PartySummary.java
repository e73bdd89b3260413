package io.emospectrum.fusion.call;

import io.emospectrum.spectrum.EmotionReading;

import java.util.List;

/**
 * One party's part of a {@link CallSummary}.
 *
 * @param role               customer or agent
 * @param overall            the confidence-weighted summary of the party's windows
 * @param scoredWindows      windows with speech that were scored
 * @param meanValence        mean valence over the scored windows (NaN with none)
 * @param strongestNegative  the moments of strongest negative emotion, strongest first, not overlapping
 * @param trend              how valence moved over the call
 */
public record PartySummary(CallRole role, EmotionReading overall, int scoredWindows, double meanValence,
                           List<EmotionReading> strongestNegative, ValenceTrend trend) {
    public PartySummary {
        strongestNegative = List.copyOf(strongestNegative);
    }
}
