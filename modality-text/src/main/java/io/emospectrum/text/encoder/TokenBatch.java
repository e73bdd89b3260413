package io.emospectrum.text.encoder;

import io.emospectrum.text.tokenize.TokenWindow;

import java.util.List;

/**
 * Windows padded to the longest one of the batch (dynamic padding), with the attention mask that
 * hides the padding. Callers sort windows by length before batching (length bucketing), so a batch
 * carries little padding.
 *
 * @param ids      {@code [batch][seq]} token ids
 * @param typeIds  {@code [batch][seq]} token type ids
 * @param mask     {@code [batch][seq]} 1 for real tokens, 0 for padding
 */
public record TokenBatch(long[][] ids, long[][] typeIds, long[][] mask) {

    public static TokenBatch of(List<TokenWindow> windows, long padId) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        int seq = 0;
        for (TokenWindow w : windows) {
            seq = Math.max(seq, w.length());
        }
        int n = windows.size();
        long[][] ids = new long[n][seq];
        long[][] types = new long[n][seq];
        long[][] mask = new long[n][seq];
        for (int i = 0; i < n; i++) {
            TokenWindow w = windows.get(i);
            long[] wi = w.ids();
            System.arraycopy(wi, 0, ids[i], 0, wi.length);
            System.arraycopy(w.typeIds(), 0, types[i], 0, wi.length);
            for (int j = 0; j < seq; j++) {
                if (j < wi.length) {
                    mask[i][j] = 1;
                } else {
                    ids[i][j] = padId;
                }
            }
        }
        return new TokenBatch(ids, types, mask);
    }

    public int size() {
        return ids.length;
    }

    public int sequenceLength() {
        return ids[0].length;
    }
}
