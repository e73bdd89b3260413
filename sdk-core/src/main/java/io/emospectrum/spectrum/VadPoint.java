package io.emospectrum.spectrum;

/** A point in Russell's circumplex: valence and arousal, each in [-1, 1]. */
public record VadPoint(float valence, float arousal) {
    public VadPoint {
        checkUnit("valence", valence);
        checkUnit("arousal", arousal);
    }

    static void checkUnit(String name, float v) {
        if (!(v >= -1f && v <= 1f)) {
            throw new IllegalArgumentException(name + " must be in [-1, 1], was " + v);
        }
    }

    /** Rescales a lexicon value from [0, 1] to [-1, 1]. */
    public static VadPoint fromUnitInterval(double valence01, double arousal01) {
        return new VadPoint((float) (2 * valence01 - 1), (float) (2 * arousal01 - 1));
    }
}
