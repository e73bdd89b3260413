package io.emospectrum.spectrum;

import java.util.List;
import java.util.Locale;

/**
 * The seven categories every modality reports, in the order of the spectrum vector
 * (Ekman's six basic emotions plus neutral; see docs/spectrum.md).
 */
public enum EmotionCategory {
    NEUTRAL,
    HAPPINESS,
    SADNESS,
    ANGER,
    FEAR,
    DISGUST,
    SURPRISE;

    /** Number of categories; the first {@code COUNT} entries of a spectrum vector. */
    public static final int COUNT = 7;

    private static final List<EmotionCategory> ORDERED = List.of(values());

    /** All categories in vector order. */
    public static List<EmotionCategory> ordered() {
        return ORDERED;
    }

    /** Position of this category in the spectrum vector. */
    public int index() {
        return ordinal();
    }

    /** Lower-case name used in JSON and CSV output ({@code "happiness"}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a category name in any case ({@code "Happiness"}, {@code "ANGER"}). */
    public static EmotionCategory parse(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        for (EmotionCategory c : ORDERED) {
            if (c.name().equals(upper)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown emotion category '" + name + "'; expected one of " + ORDERED);
    }
}
