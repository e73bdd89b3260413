package io.emospectrum.conversation;

/**
 * How a turn is read together with the turns before it: its own spectrum blended with the
 * confidence-weighted mean spectrum of up to {@code previousTurns} earlier turns,
 * {@code (1 - share) * own + share * context}. The share is {@code weight}, or with
 * {@link Share#BY_UNCERTAINTY} {@code weight * (1 - the turn's own confidence)}: a turn read surely
 * alone keeps its reading, an unsure one leans on what was said before. A turn with no earlier turn
 * is read alone. A blend flattens the distribution (the mean of several is less sure than each), so the
 * blended probabilities are raised to {@code 1/temperature} and renormalized: a model fits the
 * temperature on dialogue so that a turn's confidence in context matches its accuracy (1: as blended).
 *
 * @param previousTurns how many earlier turns make the context, 0 to {@value #MAX_PREVIOUS_TURNS}
 * @param weight        the share of the context in a turn's reading (at most), in [0, 1)
 * @param scope         whose earlier turns count
 * @param share         whether the share is fixed or shrinks with the turn's own confidence
 * @param temperature   of the blended category distribution, &gt; 0; 1 leaves it as blended
 */
public record ContextWindow(int previousTurns, float weight, Scope scope, Share share, float temperature) {
    /** The most earlier turns a context may hold. */
    public static final int MAX_PREVIOUS_TURNS = 16;
    /** Every turn read alone. */
    public static final ContextWindow NONE = new ContextWindow(0, 0f, Scope.ALL_SPEAKERS, Share.FIXED);

    /** A window whose blended distribution is left as it is (temperature 1). */
    public ContextWindow(int previousTurns, float weight, Scope scope, Share share) {
        this(previousTurns, weight, scope, share, 1f);
    }

    /** How much of a turn's reading its context makes. */
    public enum Share {
        /** {@code weight}, for every turn. */
        FIXED,
        /** {@code weight * (1 - confidence)}, the turn's own confidence read alone. */
        BY_UNCERTAINTY
    }

    /** Whose earlier turns make a turn's context. */
    public enum Scope {
        /** The turns just before, whoever spoke them. */
        ALL_SPEAKERS,
        /** The same speaker's own earlier turns. */
        SAME_SPEAKER
    }

    public ContextWindow {
        if (previousTurns < 0 || previousTurns > MAX_PREVIOUS_TURNS) {
            throw new IllegalArgumentException("previousTurns must be in [0, " + MAX_PREVIOUS_TURNS + "], was " + previousTurns);
        }
        if (!(weight >= 0f && weight < 1f)) {
            throw new IllegalArgumentException("weight must be in [0, 1), was " + weight);
        }
        if (scope == null || share == null) {
            throw new IllegalArgumentException("scope and share must not be null");
        }
        if (!(temperature > 0f && Float.isFinite(temperature))) {
            throw new IllegalArgumentException("temperature must be positive and finite, was " + temperature);
        }
    }

    /** This window with another temperature of the blended distribution. */
    public ContextWindow withTemperature(float temperature) {
        return new ContextWindow(previousTurns, weight, scope, share, temperature);
    }

    /** Up to {@code previousTurns} turns just before, whoever spoke them, with the fixed share {@code weight}. */
    public static ContextWindow of(int previousTurns, float weight) {
        return new ContextWindow(previousTurns, weight, Scope.ALL_SPEAKERS, Share.FIXED);
    }

    /** True when every turn is read alone. */
    public boolean isNone() {
        return previousTurns == 0 || weight == 0f;
    }
}
