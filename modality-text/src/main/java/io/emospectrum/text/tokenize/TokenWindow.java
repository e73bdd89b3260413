package io.emospectrum.text.tokenize;

import java.util.Objects;

/**
 * The tokens of one stretch of text, as the encoder reads them: ids with the model's special
 * tokens, no padding (padding is added per batch, to the batch's longest window).
 *
 * @param ids       token ids, special tokens included
 * @param typeIds   token type ids (all 0 for single sentences)
 * @param charStart first UTF-16 offset of the covered text in the analyzed string
 * @param charEnd   end offset (exclusive)
 * @param wordTokens number of tokens that are not special tokens
 */
public record TokenWindow(long[] ids, long[] typeIds, int charStart, int charEnd, int wordTokens) {
    public TokenWindow {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(typeIds, "typeIds");
        if (ids.length == 0 || ids.length != typeIds.length) {
            throw new IllegalArgumentException("ids and typeIds must be non-empty and of equal length");
        }
        if (charStart < 0 || charEnd < charStart) {
            throw new IllegalArgumentException("invalid char range [" + charStart + ", " + charEnd + ")");
        }
    }

    public int length() {
        return ids.length;
    }

    /** The same tokens, with char offsets moved by {@code offset} (a window of a sentence inside a text). */
    public TokenWindow shifted(int offset) {
        return new TokenWindow(ids, typeIds, charStart + offset, charEnd + offset, wordTokens);
    }
}
