package io.emospectrum.image.quality;

import io.emospectrum.image.detect.DetectedFace;
import io.emospectrum.spectrum.BoundingBox;

/**
 * Scores a face's {@link FaceQuality} from its detection and the expression network's input crop
 * (gray, {@code side x side}, values in [-1, 1]), so it costs one pass over pixels already cut.
 *
 * <ul>
 *   <li>size: the box's shorter side in frame pixels over {@link #FULL_TRUST_SIDE}, floored at 0.25;</li>
 *   <li>sharpness: the crop's mean squared Laplacian over {@link #SHARP_REFERENCE}, floored at 0.25. A
 *       blurred or upscaled face loses its high frequencies, the Laplacian's energy falls;</li>
 *   <li>pose: the nose's sideways offset from the eyes' midpoint, in eye distances ({@code yaw}), is
 *       about 0 for a frontal face and about 0.5 or more in profile; the factor falls linearly from 1 at
 *       {@code |yaw| = 0.15} to its floor of 0.5 at {@code |yaw| = 0.55}.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class FaceQualityScorer {
    /** FER2013's crop side: the expression network learned from faces this large. */
    public static final float FULL_TRUST_SIDE = 48f;
    /**
     * The mean squared Laplacian (4-neighbour, on the [-1, 1] crop) that 90% of FER2013 training
     * crops reach at 64x64 (p10 0.0385, median 0.070 over 2,000 of them; {@code DetectionEvaluateCommand --sharpness}):
     * crops at least this sharp get full trust.
     */
    public static final float SHARP_REFERENCE = 0.038f;
    private static final float FLOOR = 0.25f;
    private static final float POSE_FLOOR = 0.5f;
    private static final float YAW_FREE = 0.15f;
    private static final float YAW_FLOOR = 0.55f;

    /** The quality of a detected face whose crop is at {@code crop[offset]}. */
    public FaceQuality score(DetectedFace face, float[] crop, int offset, int side) {
        return new FaceQuality(face.score(), size(face.box()), sharpnessFactor(sharpness(crop, offset, side)), pose(face));
    }

    static float size(BoundingBox b) {
        return clamp(Math.min(b.width(), b.height()) / FULL_TRUST_SIDE, FLOOR);
    }

    static float sharpnessFactor(double sharpness) {
        return clamp((float) (sharpness / SHARP_REFERENCE), FLOOR);
    }

    /** Mean squared 4-neighbour Laplacian over the crop's interior. */
    public static double sharpness(float[] crop, int offset, int side) {
        double sum = 0;
        for (int y = 1; y < side - 1; y++) {
            int row = offset + y * side;
            for (int x = 1; x < side - 1; x++) {
                int i = row + x;
                double lap = crop[i - 1] + crop[i + 1] + crop[i - side] + crop[i + side] - 4 * crop[i];
                sum += lap * lap;
            }
        }
        return sum / ((side - 2) * (side - 2));
    }

    static float pose(DetectedFace face) {
        if (face.keypoints().size() < 3) {
            return 1f;
        }
        DetectedFace.Keypoint r = face.keypoints().get(0);
        DetectedFace.Keypoint l = face.keypoints().get(1);
        DetectedFace.Keypoint nose = face.keypoints().get(2);
        double ex = l.x() - r.x();
        double ey = l.y() - r.y();
        double eyes = Math.hypot(ex, ey);
        if (eyes < 1e-3) {
            return POSE_FLOOR; // eyes on top of each other: a profile
        }
        double mx = (l.x() + r.x()) / 2;
        double my = (l.y() + r.y()) / 2;
        // the nose's offset along the eye line, in eye distances
        double yaw = Math.abs(((nose.x() - mx) * ex + (nose.y() - my) * ey) / (eyes * eyes));
        if (yaw <= YAW_FREE) {
            return 1f;
        }
        double t = Math.min(1, (yaw - YAW_FREE) / (YAW_FLOOR - YAW_FREE));
        return (float) (1 - t * (1 - POSE_FLOOR));
    }

    private static float clamp(float v, float floor) {
        return Math.max(floor, Math.min(1f, v));
    }
}
