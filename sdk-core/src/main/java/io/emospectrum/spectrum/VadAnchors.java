package io.emospectrum.spectrum;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Fixed valence/arousal coordinates per category. A model that does not predict the dimensions
 * itself reports the probability-weighted mean of these anchors.
 *
 * @param points one point per category
 * @param source the published source of the coordinates, cited in output and docs
 */
public record VadAnchors(Map<EmotionCategory, VadPoint> points, String source) {

    /**
     * NRC Valence, Arousal, and Dominance Lexicon v1 (Mohammad, ACL 2018), the entries for the
     * category words "neutral", "happiness", "sadness", "anger", "fear", "disgust" and "surprise",
     * rescaled from [0, 1] to [-1, 1].
     */
    public static final VadAnchors NRC_VAD_2018 = new VadAnchors(Map.of(
            EmotionCategory.NEUTRAL, VadPoint.fromUnitInterval(0.469, 0.184),
            EmotionCategory.HAPPINESS, VadPoint.fromUnitInterval(0.960, 0.732),
            EmotionCategory.SADNESS, VadPoint.fromUnitInterval(0.052, 0.288),
            EmotionCategory.ANGER, VadPoint.fromUnitInterval(0.167, 0.865),
            EmotionCategory.FEAR, VadPoint.fromUnitInterval(0.073, 0.840),
            EmotionCategory.DISGUST, VadPoint.fromUnitInterval(0.052, 0.775),
            EmotionCategory.SURPRISE, VadPoint.fromUnitInterval(0.875, 0.875)),
            "NRC VAD Lexicon v1 (Mohammad 2018, ACL), category words, rescaled to [-1, 1]");

    public VadAnchors {
        Objects.requireNonNull(source, "source");
        EnumMap<EmotionCategory, VadPoint> copy = new EnumMap<>(EmotionCategory.class);
        copy.putAll(points);
        if (copy.size() != EmotionCategory.COUNT) {
            throw new IllegalArgumentException("anchors must cover all " + EmotionCategory.COUNT
                    + " categories, have " + copy.keySet());
        }
        points = Map.copyOf(copy);
    }

    public VadPoint anchor(EmotionCategory category) {
        return points.get(category);
    }

    /** Probability-weighted mean of the anchors; {@code probabilities} in category order. */
    public VadPoint project(float[] probabilities) {
        double v = 0;
        double a = 0;
        double sum = 0;
        for (EmotionCategory c : EmotionCategory.ordered()) {
            float p = probabilities[c.index()];
            VadPoint point = points.get(c);
            v += p * point.valence();
            a += p * point.arousal();
            sum += p;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("probabilities sum to zero");
        }
        return new VadPoint(clamp(v / sum), clamp(a / sum));
    }

    private static float clamp(double x) {
        return (float) Math.max(-1, Math.min(1, x));
    }
}
