package io.emospectrum.spectrum;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's own labels and scores, untouched by the mapping to categories (GoEmotions' 28 labels,
 * RAVDESS's calm, ...), so no information is lost.
 */
public final class LabelScores {
    private static final LabelScores EMPTY = new LabelScores(List.of(), new float[0]);

    private final List<String> labels;
    private final float[] scores;

    private LabelScores(List<String> labels, float[] scores) {
        this.labels = labels;
        this.scores = scores;
    }

    public static LabelScores of(List<String> labels, float[] scores) {
        if (labels.size() != scores.length) {
            throw new IllegalArgumentException(labels.size() + " labels but " + scores.length + " scores");
        }
        return new LabelScores(List.copyOf(labels), scores.clone());
    }

    public static LabelScores empty() {
        return EMPTY;
    }

    public List<String> labels() {
        return labels;
    }

    public float[] scores() {
        return scores.clone();
    }

    public int size() {
        return scores.length;
    }

    public float score(String label) {
        int i = labels.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("no label '" + label + "' in " + labels);
        }
        return scores[i];
    }

    /** Labels to scores, in the model's label order. */
    public Map<String, Float> asMap() {
        Map<String, Float> m = new LinkedHashMap<>();
        for (int i = 0; i < scores.length; i++) {
            m.put(labels.get(i), scores[i]);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelScores l && labels.equals(l.labels) && Arrays.equals(scores, l.scores);
    }

    @Override
    public int hashCode() {
        return labels.hashCode() * 31 + Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
