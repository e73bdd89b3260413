package io.emospectrum.image.track;

import io.emospectrum.spectrum.BoundingBox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy assignment of detections to existing tracks: the pair with the highest overlap (IoU) is
 * matched first, pairs below {@code minIou} never. Detections left over are then matched to the
 * nearest track left over whose centre is within {@code maxShift} box widths, so a face that
 * moves faster than its own size between sampled frames (low sampling rates) keeps its track.
 */
public final class IouMatcher {
    private final float minIou;
    private final float maxShift;

    public IouMatcher(float minIou) {
        this(minIou, 0);
    }

    /** @param maxShift largest centre distance, in widths of the larger box, for the fallback; 0 disables it */
    public IouMatcher(float minIou, float maxShift) {
        if (!(minIou > 0 && minIou <= 1)) {
            throw new IllegalArgumentException("min IoU must be in (0, 1], was " + minIou);
        }
        if (!(maxShift >= 0)) {
            throw new IllegalArgumentException("max shift must be >= 0, was " + maxShift);
        }
        this.minIou = minIou;
        this.maxShift = maxShift;
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
        if (maxShift > 0) {
            List<float[]> near = new ArrayList<>();
            for (int t = 0; t < tracks.size(); t++) {
                for (int d = 0; d < detections.size(); d++) {
                    if (trackUsed[t] || out[d] >= 0) {
                        continue;
                    }
                    BoundingBox a = tracks.get(t);
                    BoundingBox b = detections.get(d);
                    float dx = (a.x() + a.width() / 2) - (b.x() + b.width() / 2);
                    float dy = (a.y() + a.height() / 2) - (b.y() + b.height() / 2);
                    float shift = (float) Math.sqrt(dx * dx + dy * dy) / Math.max(a.width(), b.width());
                    // Similar sizes only: a face does not double in size between two samples.
                    float ratio = Math.min(a.area(), b.area()) / Math.max(a.area(), b.area());
                    if (shift <= maxShift && ratio >= 0.5f) {
                        near.add(new float[] {shift, t, d});
                    }
                }
            }
            near.sort((a, b) -> Float.compare(a[0], b[0]));
            for (float[] p : near) {
                int t = (int) p[1];
                int d = (int) p[2];
                if (!trackUsed[t] && out[d] < 0) {
                    trackUsed[t] = true;
                    out[d] = t;
                }
            }
        }
        return out;
    }
}
