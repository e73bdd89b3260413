package io.emospectrum.tools.text;

import io.emospectrum.text.encoder.SentenceEncoder;
import io.emospectrum.text.encoder.TokenBatch;
import io.emospectrum.text.tokenize.TextTokenizer;
import io.emospectrum.text.tokenize.TokenWindow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Encodes each text's first window in batches of similar length (so each batch pads only to its
 * own longest window) and returns the features in input order. Shared by the feature caches.
 */
final class LengthBucketedEncoding {

    private LengthBucketedEncoding() {
    }

    /**
     * @param progress called with the index of the first sorted text of each batch
     */
    static float[][] encode(TextTokenizer tokenizer, SentenceEncoder encoder, List<String> texts, int batch,
                            IntConsumer progress) {
        List<TokenWindow> windows = new ArrayList<>(texts.size());
        for (List<TokenWindow> w : tokenizer.windowsAll(texts)) {
            windows.add(w.get(0));
        }
        Integer[] order = new Integer[windows.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> windows.get(i).length()));
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < order.length; from += batch) {
            int to = Math.min(order.length, from + batch);
            List<TokenWindow> b = new ArrayList<>();
            for (int k = from; k < to; k++) {
                b.add(windows.get(order[k]));
            }
            float[][] f = encoder.encode(TokenBatch.of(b, tokenizer.padId()));
            for (int k = from; k < to; k++) {
                out[order[k]] = f[k - from];
            }
            progress.accept(from);
        }
        return out;
    }
}
