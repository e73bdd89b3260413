package io.emospectrum.image.quality;

/**
 * How far a face can be trusted for its expression, as factors in [0, 1] that multiply into the
 * reading's confidence: a face the detector is unsure of, a small face, a blurred face and a face
 * turned away each carry less expression detail.
 *
 * @param detection the detector's score (1 for a crop given as a face)
 * @param size      1 from {@link FaceQualityScorer#FULL_TRUST_SIDE} pixels (FER2013's 48) up, less below
 * @param sharpness 1 for a crop as sharp as most FER2013 training faces, less for blurred ones
 * @param pose      1 for a frontal face, less as the head turns (from the eye and nose keypoints; 1
 *                  without keypoints)
 */
public record FaceQuality(float detection, float size, float sharpness, float pose) {
    /** A perfect score: what a reading gets when nothing is known against it. */
    public static final FaceQuality FULL = new FaceQuality(1, 1, 1, 1);

    public FaceQuality {
        check("detection", detection);
        check("size", size);
        check("sharpness", sharpness);
        check("pose", pose);
    }

    /** The product of the factors: the reading's confidence. */
    public float confidence() {
        return detection * size * sharpness * pose;
    }

    private static void check(String name, float v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + v);
        }
    }
}
