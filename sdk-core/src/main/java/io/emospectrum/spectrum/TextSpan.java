package io.emospectrum.spectrum;

/** A range of UTF-16 character offsets into the analyzed text, end exclusive. */
public record TextSpan(int start, int end) {
    public TextSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("invalid text span [" + start + ", " + end + ")");
        }
    }

    public int length() {
        return end - start;
    }
}
