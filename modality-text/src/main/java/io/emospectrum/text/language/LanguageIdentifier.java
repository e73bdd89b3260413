package io.emospectrum.text.language;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.Set;

/**
 * Which language a text is written in, by Lingua (n-gram models of each language, rules for
 * scripts), restricted to {@link #COMMON} languages so that only their models are loaded. A text
 * whose most likely language is not one the model reads, and in which the model's own language is
 * unlikely, is {@link Identification#supported() unsupported}: the extractor flags it and lowers
 * its confidence instead of guessing.
 *
 * <p>Thread-safe (Lingua's detector is); its language models are loaded on first use and shared
 * by every detector in the process.
 */
public final class LanguageIdentifier {
    /**
     * The languages told apart: the most used languages on the web and in chat, with the main
     * scripts. A text in another language is attributed to the nearest of these, which is still
     * not English, so it is still flagged.
     */
    public static final Set<Language> COMMON = EnumSet.of(Language.ENGLISH, Language.FRENCH, Language.GERMAN, Language.SPANISH,
            Language.PORTUGUESE, Language.ITALIAN, Language.DUTCH, Language.POLISH, Language.TURKISH, Language.SWEDISH,
            Language.INDONESIAN, Language.RUSSIAN, Language.ARABIC, Language.HINDI, Language.CHINESE, Language.JAPANESE,
            Language.KOREAN, Language.VIETNAMESE);
    /**
     * Below this many Latin letters (and with no letter of another script) a text is too short to
     * tell its language: it is not flagged.
     */
    static final int MIN_LETTERS = 12;
    /**
     * A text whose most likely language is not one the model reads is still taken as supported
     * while the model's language scores at least this much of the top language's confidence
     * (Lingua's confidences are relative: the top language has 1). With {@link #MIN_LETTERS}, chosen
     * on GoEmotions dev (English Reddit comments: 0.44% flagged) and 30 short non-English sentences
     * (28 flagged): see docs/modality-text.md, "Language".
     */
    static final double MAX_SUPPORTED_RELATIVE = 0.8;
    /** Only the start of a long text is looked at: its language does not change, and time grows with length. */
    static final int MAX_CHARS = 400;
    /**
     * Everyday English words that are not words of the other {@link #COMMON} Latin-script languages
     * (no "was", "will", "her", "my", "he", "of", "but", "so": German, Polish, Spanish, Dutch or
     * French words too). A Latin-script text with at least {@link #MIN_MARKERS} of them making up
     * at least a fifth of its words is English without asking Lingua, which costs ~0.3 ms of CPU
     * per text: on the 161,858 texts of the five training corpora the shortcut took a third of
     * them and never changed whether a text was flagged (Lingua named another language for 313 of
     * them, all still supported, e.g. German for "What do you think of your teacher?"; the
     * shortcut names English). See docs/experiments/modality-text.md, "Speed".
     */
    static final Set<String> ENGLISH_MARKERS = Set.of("the", "and", "you", "that", "this", "with", "have", "what", "are", "they",
            "your", "would", "there", "their", "been", "about", "just", "don't", "it's", "i'm", "from", "when", "because", "really",
            "think", "know", "people", "like", "she", "him", "can't", "i've", "didn't", "doesn't", "that's", "which", "could",
            "should", "were", "them");
    static final int MIN_MARKERS = 3;
    private static final String ENGLISH = "en";

    private final LanguageDetector detector;
    private final Set<String> supported;

    private LanguageIdentifier(LanguageDetector detector, Set<String> supported) {
        this.detector = detector;
        this.supported = supported;
    }

    /** Tells {@link #COMMON} apart; {@code supported}: ISO 639-1 codes the model reads (e.g. {@code en}). */
    public static LanguageIdentifier of(Set<String> supported) {
        Objects.requireNonNull(supported, "supported");
        // Low-accuracy mode: trigram models only (a fraction of the memory and load time of the
        // full models); accurate enough from a dozen letters on, and short texts count as supported.
        LanguageDetector d = LanguageDetectorBuilder.fromLanguages(COMMON.toArray(Language[]::new)).withLowAccuracyMode().build();
        return new LanguageIdentifier(d, Set.copyOf(supported));
    }

    /**
     * @param language  ISO 639-1 code of the most likely language, or {@code und} (undetermined:
     *                  too few letters, e.g. only emoji, or no language stands out)
     * @param supported whether the model reads it (an undetermined text counts as supported)
     */
    public record Identification(String language, boolean supported) {
        public static final String UNDETERMINED = "und";
    }

    public Identification identify(String text) {
        String head = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        int[] letters = letters(head);
        int latin = letters[0];
        int other = letters[1];
        if (latin < MIN_LETTERS && other == 0) {
            return new Identification(Identification.UNDETERMINED, true);
        }
        if (other == 0 && supported.contains(ENGLISH) && plainlyEnglish(head)) {
            return new Identification(ENGLISH, true);
        }
        SortedMap<Language, Double> confidence = detector.computeLanguageConfidenceValues(head);
        Language top = null;
        double best = 0;
        double model = 0;
        for (Map.Entry<Language, Double> e : confidence.entrySet()) {
            if (e.getValue() > best) {
                best = e.getValue();
                top = e.getKey();
            }
            if (supported.contains(code(e.getKey()))) {
                model = Math.max(model, e.getValue());
            }
        }
        if (top == null || best <= 0) {
            return new Identification(Identification.UNDETERMINED, true);
        }
        String code = code(top);
        if (supported.contains(code)) {
            return new Identification(code, true);
        }
        // A few letters of another script in a mostly Latin text (a name, a symbol) decide nothing.
        boolean otherScript = other >= latin;
        boolean ok = !otherScript && (latin < MIN_LETTERS || model >= MAX_SUPPORTED_RELATIVE * best);
        return new Identification(code, ok);
    }

    private static String code(Language l) {
        return l.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the text is in Latin letters only and {@link #ENGLISH_MARKERS} make up at least a
     * fifth of its words, and at least {@link #MIN_MARKERS}.
     */
    static boolean plainlyEnglish(String text) {
        int words = 0;
        int markers = 0;
        StringBuilder word = new StringBuilder(16);
        for (int i = 0; i <= text.length(); ) {
            int cp = i < text.length() ? text.codePointAt(i) : ' ';
            i += i < text.length() ? Character.charCount(cp) : 1;
            if (Character.isLetter(cp)) {
                if (Character.UnicodeScript.of(cp) != Character.UnicodeScript.LATIN) {
                    return false;
                }
                word.appendCodePoint(Character.toLowerCase(cp));
            } else if ((cp == '\'' || cp == '\u2019') && word.length() > 0) {
                word.append('\''); // "don’t" as "don't"
            } else if (word.length() > 0) {
                words++;
                if (ENGLISH_MARKERS.contains(word.toString())) {
                    markers++;
                }
                word.setLength(0);
            }
        }
        return markers >= MIN_MARKERS && markers * 5 >= words;
    }

    /** Letters of the Latin script and of any other, counted up to a few dozen. */
    private static int[] letters(String text) {
        int[] n = new int[2];
        for (int i = 0; i < text.length() && n[0] + n[1] < 64; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                n[Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN ? 0 : 1]++;
            }
        }
        return n;
    }
}
