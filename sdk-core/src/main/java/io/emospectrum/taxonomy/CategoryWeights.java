package io.emospectrum.taxonomy;

import io.emospectrum.spectrum.EmotionCategory;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/** How one model label spreads over the seven categories: non-negative weights summing to 1. */
public final class CategoryWeights {
    private final float[] weights;

    private CategoryWeights(float[] weights) {
        this.weights = weights;
    }

    /** The whole label goes to one category. */
    public static CategoryWeights of(EmotionCategory category) {
        float[] w = new float[EmotionCategory.COUNT];
        w[category.index()] = 1f;
        return new CategoryWeights(w);
    }

    /** Spread with the given weights, normalized to sum to 1. */
    public static CategoryWeights of(Map<EmotionCategory, ? extends Number> weights) {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("a label must map to at least one category");
        }
        float[] w = new float[EmotionCategory.COUNT];
        double sum = 0;
        for (Map.Entry<EmotionCategory, ? extends Number> e : weights.entrySet()) {
            double v = e.getValue().doubleValue();
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("weight for " + e.getKey() + " must be positive and finite, was " + v);
            }
            w[e.getKey().index()] = (float) v;
            sum += v;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (w[i] / sum);
        }
        return new CategoryWeights(w);
    }

    public float weight(EmotionCategory category) {
        return weights[category.index()];
    }

    /** A copy of the weights in category order. */
    public float[] toArray() {
        return weights.clone();
    }

    public Map<EmotionCategory, Float> asMap() {
        EnumMap<EmotionCategory, Float> m = new EnumMap<>(EmotionCategory.class);
        for (EmotionCategory c : EmotionCategory.ordered()) {
            if (weights[c.index()] > 0) {
                m.put(c, weights[c.index()]);
            }
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CategoryWeights c && Arrays.equals(weights, c.weights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
