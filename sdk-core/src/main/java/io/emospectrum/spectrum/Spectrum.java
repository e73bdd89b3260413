package io.emospectrum.spectrum;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The nine-float emotion spectrum: a probability per category (summing to 1) plus valence and
 * arousal in [-1, 1]. Immutable: arrays are copied in and out.
 */
public final class Spectrum {
    /** Length of {@link #toVector()}: seven probabilities, valence, arousal. */
    public static final int VECTOR_LENGTH = EmotionCategory.COUNT + 2;
    /** How far the given probabilities may sum away from 1 before they are rejected. */
    public static final float SUM_TOLERANCE = 1e-3f;

    private final float[] probabilities;
    private final float valence;
    private final float arousal;

    private Spectrum(float[] probabilities, float valence, float arousal) {
        this.probabilities = probabilities;
        this.valence = valence;
        this.arousal = arousal;
    }

    /**
     * A spectrum from category probabilities (in {@link EmotionCategory} order, summing to 1 within
     * {@link #SUM_TOLERANCE}; renormalized exactly) and dimensions the model predicted itself.
     */
    public static Spectrum of(float[] probabilities, float valence, float arousal) {
        VadPoint.checkUnit("valence", valence);
        VadPoint.checkUnit("arousal", arousal);
        return new Spectrum(checkedProbabilities(probabilities), valence, arousal);
    }

    /** A spectrum whose valence and arousal are the probability-weighted mean of {@code anchors}. */
    public static Spectrum of(float[] probabilities, VadAnchors anchors) {
        float[] p = checkedProbabilities(probabilities);
        VadPoint vad = anchors.project(p);
        return new Spectrum(p, vad.valence(), vad.arousal());
    }

    /** Normalizes non-negative scores (e.g. summed mapped scores) to probabilities, then as {@link #of(float[], VadAnchors)}. */
    public static Spectrum fromScores(float[] nonNegativeScores, VadAnchors anchors) {
        if (nonNegativeScores.length != EmotionCategory.COUNT) {
            throw new IllegalArgumentException("expected " + EmotionCategory.COUNT + " scores, got " + nonNegativeScores.length);
        }
        double sum = 0;
        for (float s : nonNegativeScores) {
            if (!(s >= 0) || Float.isInfinite(s)) {
                throw new IllegalArgumentException("scores must be finite and non-negative: " + Arrays.toString(nonNegativeScores));
            }
            sum += s;
        }
        float[] p = new float[EmotionCategory.COUNT];
        if (sum == 0) {
            p[EmotionCategory.NEUTRAL.index()] = 1f; // nothing fired: no expressed emotion
        } else {
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (nonNegativeScores[i] / sum);
            }
        }
        return of(p, anchors);
    }

    /** Parses the nine-float vector of {@link #toVector()}. */
    public static Spectrum fromVector(float[] vector) {
        if (vector.length != VECTOR_LENGTH) {
            throw new IllegalArgumentException("expected a vector of " + VECTOR_LENGTH + " floats, got " + vector.length);
        }
        return of(Arrays.copyOf(vector, EmotionCategory.COUNT), vector[7], vector[8]);
    }

    private static float[] checkedProbabilities(float[] probabilities) {
        if (probabilities.length != EmotionCategory.COUNT) {
            throw new IllegalArgumentException("expected " + EmotionCategory.COUNT + " probabilities, got " + probabilities.length);
        }
        double sum = 0;
        for (float p : probabilities) {
            if (!(p >= 0f && p <= 1f + SUM_TOLERANCE)) {
                throw new IllegalArgumentException("probability out of [0, 1]: " + Arrays.toString(probabilities));
            }
            sum += p;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new IllegalArgumentException("probabilities must sum to 1, sum to " + sum + ": " + Arrays.toString(probabilities));
        }
        float[] copy = new float[EmotionCategory.COUNT];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = (float) (probabilities[i] / sum);
        }
        return copy;
    }

    public float probability(EmotionCategory category) {
        return probabilities[category.index()];
    }

    /** A copy of the seven probabilities in category order. */
    public float[] probabilities() {
        return probabilities.clone();
    }

    public float valence() {
        return valence;
    }

    public float arousal() {
        return arousal;
    }

    /** The category with the highest probability (the first one on ties). */
    public EmotionCategory dominant() {
        return EmotionCategory.ordered().get(dominantIndex(probabilities));
    }

    /** The index of the highest value of any distribution or score vector (the first one on ties), as {@link #dominant()} picks it. */
    public static int dominantIndex(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    /** {@code [p_neutral, ..., p_surprise, valence, arousal]}: the order every module agrees on. */
    public float[] toVector() {
        float[] v = Arrays.copyOf(probabilities, VECTOR_LENGTH);
        v[7] = valence;
        v[8] = arousal;
        return v;
    }

    /** The probabilities by category, in vector order. */
    public Map<EmotionCategory, Float> asMap() {
        EnumMap<EmotionCategory, Float> m = new EnumMap<>(EmotionCategory.class);
        for (EmotionCategory c : EmotionCategory.ordered()) {
            m.put(c, probabilities[c.index()]);
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Spectrum s
                && Arrays.equals(probabilities, s.probabilities)
                && Float.compare(valence, s.valence) == 0
                && Float.compare(arousal, s.arousal) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(probabilities) + Float.hashCode(valence) * 17 + Float.hashCode(arousal);
    }

    @Override
    public String toString() {
        return "Spectrum" + Arrays.toString(toVector());
    }
}
