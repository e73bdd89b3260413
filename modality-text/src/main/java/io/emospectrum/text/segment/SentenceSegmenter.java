package io.emospectrum.text.segment;

import io.emospectrum.spectrum.TextSpan;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into sentences with the JDK's rule-based {@link BreakIterator}, returning character
 * spans with surrounding white space trimmed. Sentences with nothing but white space are dropped.
 */
public final class SentenceSegmenter {
    private final Locale locale;

    public SentenceSegmenter(Locale locale) {
        this.locale = locale;
    }

    public List<TextSpan> split(String text) {
        // A BreakIterator holds state: one per call keeps the segmenter thread-safe.
        BreakIterator it = BreakIterator.getSentenceInstance(locale);
        it.setText(text);
        List<TextSpan> out = new ArrayList<>();
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            int s = start;
            int e = end;
            while (s < e && isBlank(text.charAt(s))) {
                s++;
            }
            while (e > s && isBlank(text.charAt(e - 1))) {
                e--;
            }
            if (e > s) {
                out.add(new TextSpan(s, e));
            }
        }
        return out;
    }

    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c);
    }
}
