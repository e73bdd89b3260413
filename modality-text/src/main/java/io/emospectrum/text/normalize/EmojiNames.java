package io.emospectrum.text.normalize;

import io.emospectrum.spectrum.TextSpan;
import net.fellbaum.jemoji.EmojiManager;
import net.fellbaum.jemoji.IndexedEmoji;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Replaces each emoji with its Unicode CLDR short name ("😡" -> "enraged face", "👍🏽" -> "thumbs
 * up"), from jemoji's tables, so that the encoder reads what the emoji means: its vocabulary has
 * no emoji and would read them as unknown tokens. Skin-tone and hair-style suffixes are dropped;
 * symbols that are also plain characters ("©", "™", digits) are kept as they are.
 *
 * <p>Stateless and thread-safe.
 */
public final class EmojiNames {

    /** The text as the model reads it, with a map back to the caller's character offsets. */
    public record Normalized(String text, int[] originalStart, int[] originalEnd) {
        /** The span of the caller's text that normalized characters {@code [start, end)} came from. */
        public TextSpan original(TextSpan span) {
            if (span.end() <= span.start()) {
                int at = span.start() < originalStart.length ? originalStart[span.start()] : originalEnd[originalEnd.length - 1];
                return new TextSpan(at, at);
            }
            return new TextSpan(originalStart[span.start()], originalEnd[span.end() - 1]);
        }
    }

    public Normalized normalize(String text) {
        List<IndexedEmoji> found = EmojiManager.extractEmojisInOrderWithIndex(text);
        found = found.stream().filter(e -> !isPlainCharacter(e.getEmoji().getEmoji())).toList();
        if (found.isEmpty()) {
            int[] start = new int[text.length()];
            int[] end = new int[text.length()];
            for (int i = 0; i < start.length; i++) {
                start[i] = i;
                end[i] = i + 1;
            }
            return new Normalized(text, start, end);
        }
        StringBuilder out = new StringBuilder(text.length() + 16 * found.size());
        int[] start = new int[text.length() + 32 * found.size()];
        int[] end = new int[start.length];
        int from = 0;
        for (IndexedEmoji e : found) {
            for (int i = from; i < e.getCharIndex(); i++) {
                start[out.length()] = i;
                end[out.length()] = i + 1;
                out.append(text.charAt(i));
            }
            String name = name(e.getEmoji().getDescription());
            // Spaces keep the name apart from neighbouring words and emoji ("😡😡" -> " enraged face  enraged face ").
            String inserted = " " + name + " ";
            if (out.length() + inserted.length() > start.length) {
                start = Arrays.copyOf(start, 2 * (out.length() + inserted.length()));
                end = Arrays.copyOf(end, start.length);
            }
            for (int k = 0; k < inserted.length(); k++) {
                start[out.length()] = e.getCharIndex();
                end[out.length()] = e.getEndCharIndex();
                out.append(inserted.charAt(k));
            }
            from = e.getEndCharIndex();
        }
        if (out.length() + text.length() - from > start.length) {
            start = Arrays.copyOf(start, out.length() + text.length() - from);
            end = Arrays.copyOf(end, start.length);
        }
        for (int i = from; i < text.length(); i++) {
            start[out.length()] = i;
            end[out.length()] = i + 1;
            out.append(text.charAt(i));
        }
        return new Normalized(out.toString(), Arrays.copyOf(start, out.length()), Arrays.copyOf(end, out.length()));
    }

    /** "thumbs up: medium skin tone" -> "thumbs up"; "flag: France" stays. */
    static String name(String description) {
        String d = description.toLowerCase(Locale.ROOT);
        int colon = d.indexOf(':');
        if (colon > 0 && (d.contains("skin tone") || d.contains(" hair") || d.contains("bald"))) {
            d = d.substring(0, colon);
        }
        return d;
    }

    /** Emoji that are ordinary text characters too: "©", "®", "™", "#", digits (keycaps are kept as emoji). */
    private static boolean isPlainCharacter(String emoji) {
        int cp = emoji.codePointAt(0);
        return (cp < 0x2000 || cp == 0x2122) && emoji.indexOf('\u20E3') < 0;
    }
}
