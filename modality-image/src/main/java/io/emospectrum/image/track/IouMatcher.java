package io.emospectrum.image.track;

import io.emospectrum.spectrum.BoundingBox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy IoU assignment of detections to existing tracks: the pair with the highest overlap is
 * matched first, pairs below {@code minIou} never. Enough for faces that move less than their
 * own size between sampled frames.
 */
public final class IouMatcher {
    private final float minIou;

    public IouMatcher(float minIou) {
        if (!(minIou > 0 && minIou <= 1)) {
            throw new IllegalArgumentException("min IoU must be in (0, 1], was " + minIou);
        }
        this.minIou = minIou;
    }

    /** For each detection, the index of its track, or -1 for a new one. */
    public int[] match(List<BoundingBox> tracks, List<BoundingBox> detections) {
        int[] out = new int[detections.size()];
        Arrays.fill(out, -1);
        List<float[]> pairs = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            for (int d = 0; d < detections.size(); d++) {
                float iou = tracks.get(t).iou(detections.get(d));
                if (iou >= minIou) {
                    pairs.add(new float[] {iou, t, d});
                }
            }
        }
        pairs.sort((a, b) -> Float.compare(b[0], a[0]));
        boolean[] trackUsed = new boolean[tracks.size()];
        for (float[] p : pairs) {
            int t = (int) p[1];
            int d = (int) p[2];
            if (!trackUsed[t] && out[d] < 0) {
                trackUsed[t] = true;
                out[d] = t;
            }
        }
        return out;
    }
}
