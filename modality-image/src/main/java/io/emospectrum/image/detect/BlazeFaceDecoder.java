package io.emospectrum.image.detect;

import io.emospectrum.spectrum.BoundingBox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Anchor decoding and non-maximum suppression for BlazeFace, as MediaPipe's face detection graphs
 * configure them: SSD anchors on a 16x16 grid (2 per cell) and an 8x8 grid (6 per cell), all of
 * unit size, so that 896 raw boxes come out; each is 16 numbers (centre offset, size, then 6
 * keypoints) in input pixels relative to its anchor. The short-range (front) model takes 128x128
 * input (strides 8 and 16), the full-size (back) model 256x256 (strides 16 and 32).
 */
public final class BlazeFaceDecoder {
    /** Raw values per anchor: box (4) + 6 keypoints (12). */
    public static final int VALUES = 16;
    public static final int KEYPOINTS = 6;

    private final int inputSize;
    private final float[] anchorX;
    private final float[] anchorY;

    /** Anchors for the model with {@code inputSize} (128: front, 256: back). */
    public BlazeFaceDecoder(int inputSize) {
        this(inputSize, new int[] {16, 8}, new int[] {2, 6});
    }

    BlazeFaceDecoder(int inputSize, int[] grids, int[] perCell) {
        this.inputSize = inputSize;
        int n = 0;
        for (int i = 0; i < grids.length; i++) {
            n += grids[i] * grids[i] * perCell[i];
        }
        anchorX = new float[n];
        anchorY = new float[n];
        int k = 0;
        for (int i = 0; i < grids.length; i++) {
            int g = grids[i];
            for (int y = 0; y < g; y++) {
                for (int x = 0; x < g; x++) {
                    for (int a = 0; a < perCell[i]; a++) {
                        anchorX[k] = (x + 0.5f) / g;
                        anchorY[k] = (y + 0.5f) / g;
                        k++;
                    }
                }
            }
        }
    }

    public int anchorCount() {
        return anchorX.length;
    }

    public int inputSize() {
        return inputSize;
    }

    /** A decoded detection in normalized input coordinates [0, 1]. */
    public record Candidate(float score, float cx, float cy, float w, float h, float[] keypoints) {
        BoundingBox box() {
            return new BoundingBox(cx - w / 2, cy - h / 2, w, h);
        }
    }

    /**
     * @param logits    {@link #anchorCount()} raw scores (before the sigmoid)
     * @param regressors {@code anchorCount() * 16} raw values
     * @return candidates above {@code minScore}, best first, after NMS at {@code maxIou}
     */
    public List<Candidate> decode(float[] logits, float[] regressors, float minScore, float maxIou) {
        List<Candidate> all = new ArrayList<>();
        float s = inputSize;
        for (int i = 0; i < anchorX.length; i++) {
            float score = sigmoid(Math.max(-100, Math.min(100, logits[i])));
            if (score < minScore) {
                continue;
            }
            int o = i * VALUES;
            float cx = regressors[o] / s + anchorX[i];
            float cy = regressors[o + 1] / s + anchorY[i];
            float w = regressors[o + 2] / s;
            float h = regressors[o + 3] / s;
            if (!(w > 0 && h > 0)) {
                continue;
            }
            float[] kp = new float[2 * KEYPOINTS];
            for (int k = 0; k < KEYPOINTS; k++) {
                kp[2 * k] = regressors[o + 4 + 2 * k] / s + anchorX[i];
                kp[2 * k + 1] = regressors[o + 5 + 2 * k] / s + anchorY[i];
            }
            all.add(new Candidate(score, cx, cy, w, h, kp));
        }
        return weightedNms(all, maxIou);
    }

    /**
     * MediaPipe's weighted NMS: the best box absorbs the boxes that overlap it, and the result is
     * their score-weighted mean, which steadies boxes from frame to frame.
     */
    static List<Candidate> weightedNms(List<Candidate> in, float maxIou) {
        List<Candidate> rest = new ArrayList<>(in);
        rest.sort(Comparator.comparingDouble((Candidate c) -> c.score()).reversed());
        List<Candidate> out = new ArrayList<>();
        while (!rest.isEmpty()) {
            Candidate best = rest.get(0);
            BoundingBox bb = best.box();
            List<Candidate> group = new ArrayList<>();
            List<Candidate> keep = new ArrayList<>();
            for (Candidate c : rest) {
                (bb.iou(c.box()) > maxIou ? group : keep).add(c);
            }
            float total = 0;
            float cx = 0;
            float cy = 0;
            float w = 0;
            float h = 0;
            float[] kp = new float[2 * KEYPOINTS];
            for (Candidate c : group) {
                total += c.score();
                cx += c.cx() * c.score();
                cy += c.cy() * c.score();
                w += c.w() * c.score();
                h += c.h() * c.score();
                for (int k = 0; k < kp.length; k++) {
                    kp[k] += c.keypoints()[k] * c.score();
                }
            }
            for (int k = 0; k < kp.length; k++) {
                kp[k] /= total;
            }
            out.add(new Candidate(best.score(), cx / total, cy / total, w / total, h / total, kp));
            rest = keep;
        }
        return out;
    }

    private static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }
}
