package io.emospectrum.text.encoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts windows into encoder batches of similar length: sorted by length, then cut wherever a
 * batch would exceed {@code maxWindows} windows or {@code maxTokens} padded tokens (windows x
 * the longest one). Each batch pads only to its own longest window, so a batch of 32 texts of
 * mixed length becomes a few length-homogeneous batches with little padding, and the batches can
 * run in parallel. Every index appears in exactly one batch; callers put results back by index.
 */
public final class LengthBuckets {
    private LengthBuckets() {
    }

    /**
     * @param lengths    each window's length in tokens
     * @param maxWindows most windows in one batch (the extractor's batch size)
     * @param maxTokens  most padded tokens in one batch; a single longer window is still a batch
     * @return batches of indices into {@code lengths}, each sorted by length, shortest batch first
     */
    public static List<int[]> of(int[] lengths, int maxWindows, int maxTokens) {
        if (maxWindows < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("need maxWindows >= 1 and maxTokens >= 1, got " + maxWindows + ", " + maxTokens);
        }
        Integer[] order = new Integer[lengths.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // stable: windows of equal length keep their order
        Arrays.sort(order, Comparator.comparingInt(i -> lengths[i]));
        List<int[]> batches = new ArrayList<>();
        int from = 0;
        while (from < order.length) {
            int to = from + 1;
            // sorted ascending, so the window being added is the longest so far
            while (to < order.length && to - from < maxWindows && (long) (to - from + 1) * lengths[order[to]] <= maxTokens) {
                to++;
            }
            int[] batch = new int[to - from];
            for (int k = from; k < to; k++) {
                batch[k - from] = order[k];
            }
            batches.add(batch);
            from = to;
        }
        return batches;
    }
}
