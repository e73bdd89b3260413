package io.emospectrum.text.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import io.emospectrum.error.ModelLoadException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Hugging Face {@code tokenizer.json} read by DJL's tokenizers binding, set up to cut text into
 * windows of at most {@code maxTokens} tokens that overlap by {@code overlapTokens}. No padding
 * here: batches pad to their own longest window (dynamic padding). The native tokenizer is
 * thread-safe, so one instance serves every caller.
 */
public final class TextTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final int maxTokens;
    private final long padId;

    private TextTokenizer(HuggingFaceTokenizer tokenizer, int maxTokens, long padId) {
        this.tokenizer = tokenizer;
        this.maxTokens = maxTokens;
        this.padId = padId;
    }

    /**
     * @param tokenizerJson the {@code tokenizer.json} file
     * @param maxTokens     window length, special tokens included
     * @param overlapTokens tokens shared by consecutive windows of a long text
     */
    public static TextTokenizer load(Path tokenizerJson, int maxTokens, int overlapTokens) {
        if (maxTokens < 8 || overlapTokens < 0 || overlapTokens >= maxTokens / 2) {
            throw new IllegalArgumentException("need maxTokens >= 8 and 0 <= overlap < maxTokens / 2, got "
                    + maxTokens + ", " + overlapTokens);
        }
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optMaxLength(maxTokens)
                    .optTruncation(true)
                    .optStride(overlapTokens)
                    .optWithOverflowingTokens(true)
                    .optPadding(false)
                    .build();
            long pad = 0;
            List<String> probe = t.tokenize("[PAD]");
            if (probe.size() == 1 && probe.get(0).equals("[PAD]")) {
                pad = t.encode("[PAD]", false, false).getIds()[0];
            }
            return new TextTokenizer(t, maxTokens, pad);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot load tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
        }
    }

    public int maxTokens() {
        return maxTokens;
    }

    /** The id batches are padded with (masked out, so its value only matters for tidiness). */
    public long padId() {
        return padId;
    }

    /** The windows covering {@code text}: one for a short text, several overlapping ones for a long text. */
    public List<TokenWindow> windows(String text) {
        return collect(tokenizer.encode(text, true, true), text);
    }

    /** Windows for many texts at once (the native side tokenizes in parallel). */
    public List<List<TokenWindow>> windowsAll(List<String> texts) {
        Encoding[] encs = tokenizer.batchEncode(texts, true, true);
        List<List<TokenWindow>> out = new ArrayList<>(encs.length);
        for (int i = 0; i < encs.length; i++) {
            out.add(collect(encs[i], texts.get(i)));
        }
        return out;
    }

    private static List<TokenWindow> collect(Encoding first, String text) {
        Encoding[] overflow = first.getOverflowing();
        int[] utf16 = utf16Offsets(text);
        List<TokenWindow> w = new ArrayList<>(1 + (overflow == null ? 0 : overflow.length));
        w.add(toWindow(first, text.length(), utf16));
        if (overflow != null) {
            for (Encoding e : overflow) {
                w.add(toWindow(e, text.length(), utf16));
            }
        }
        return w;
    }

    /**
     * The native tokenizer reports offsets in code points; Java strings index UTF-16 units. Null
     * when the two agree (no character outside the Basic Multilingual Plane, e.g. no emoji).
     */
    private static int[] utf16Offsets(String text) {
        int cps = text.codePointCount(0, text.length());
        if (cps == text.length()) {
            return null;
        }
        int[] map = new int[cps + 1];
        int u = 0;
        for (int c = 0; c < cps; c++) {
            map[c] = u;
            u += Character.charCount(text.codePointAt(u));
        }
        map[cps] = u;
        return map;
    }

    private static TokenWindow toWindow(Encoding e, int textLength, int[] utf16) {
        long[] special = e.getSpecialTokenMask();
        CharSpan[] spans = e.getCharTokenSpans();
        int start = Integer.MAX_VALUE;
        int end = 0;
        int words = 0;
        for (int i = 0; i < special.length; i++) {
            if (special[i] == 0) {
                words++;
                if (spans != null && i < spans.length && spans[i] != null) {
                    start = Math.min(start, spans[i].getStart());
                    end = Math.max(end, spans[i].getEnd());
                }
            }
        }
        if (start == Integer.MAX_VALUE) {
            start = 0;
            end = 0;
        }
        if (utf16 != null) {
            start = utf16[Math.min(start, utf16.length - 1)];
            end = utf16[Math.min(end, utf16.length - 1)];
        }
        start = Math.min(start, textLength);
        end = Math.max(start, Math.min(end, textLength));
        return new TokenWindow(e.getIds(), e.getTypeIds(), start, end, words);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
