package io.emospectrum.text.score;

import io.emospectrum.spi.TextCaution;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Surface cues of a text that a sentence encoder is known to read poorly: negation, contrast, irony,
 * tweet-like form, questions, very short texts. Found from the text alone by a few regular
 * expressions and one pass over its words (tens of microseconds; no model, no lexicon file), so
 * that {@link ConfidenceCalibrator} can read them as inputs. They are cues, not a parser: "not"
 * inside a quotation counts as negation, and most irony has no marker at all.
 *
 * @param present the cues found
 */
public record TextCues(Set<Cue> present) {
    /** A text without any cue (what a caller that has no text passes). */
    public static final TextCues NONE = new TextCues(EnumSet.noneOf(Cue.class));
    /** Fewer words than this is a very short text. */
    public static final int SHORT_WORDS = 5;

    /** What is looked for. */
    public enum Cue {
        /** not, n't, never, no, nothing, without, hardly, ... (also "dont", "cant" as tweets spell them) */
        NEGATION,
        /** but, though, although, however, despite, whereas, ... */
        CONTRAST,
        /**
         * a sarcasm marker ("oh great", "just what I needed", "yeah right", "/s"), a word or two in scare quotes,
         * or a positive word in the same sentence as a word of an everyday annoyance ("great, another Monday")
         */
        IRONY,
        /** a #hashtag, an @mention or a URL */
        HASHTAG_MENTION_URL,
        /** two or more words of three or more letters in capitals */
        ALL_CAPS,
        /** a letter three times in a row ("soooo", "yesss") */
        ELONGATION,
        /** a question mark */
        QUESTION,
        /** fewer than {@value TextCues#SHORT_WORDS} words */
        SHORT
    }

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern HASHTAG_MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_])[#@][\\p{L}\\p{N}_]+");
    private static final Set<String> NEGATION = Set.of("not", "no", "never", "nothing", "nobody", "none", "nowhere", "neither", "nor",
            "without", "hardly", "barely", "scarcely", "cannot", "dont", "doesnt", "didnt", "cant", "wont", "isnt", "arent", "wasnt", "werent",
            "havent", "hasnt", "hadnt", "shouldnt", "wouldnt", "couldnt", "aint");
    private static final Set<String> CONTRAST = Set.of("but", "though", "although", "however", "despite", "whereas", "nevertheless",
            "nonetheless", "except", "instead");
    private static final Set<String> POSITIVE = Set.of("great", "love", "loving", "loved", "wonderful", "fantastic", "perfect", "awesome",
            "brilliant", "lovely", "amazing", "fun", "best", "yay", "nice", "thrilled");
    private static final Set<String> ANNOYANCE = Set.of("monday", "mondays", "traffic", "late", "again", "another", "stuck", "broke",
            "broken", "waiting", "wait", "delayed", "delay", "queue", "line", "rain", "homework", "exam", "exams", "sick", "overtime", "headache",
            "hangover", "alarm", "bills", "taxes", "crashed", "cancelled", "canceled");
    private static final Pattern IRONY_MARKER = Pattern.compile(
            "\\boh,? (?:great|joy|wonderful|good|lovely|perfect|fantastic|brilliant|sure)\\b"
                    + "|\\bjust what i (?:needed|wanted)\\b|\\byeah,? right\\b|\\byeah,? sure\\b|\\bas if\\b"
                    + "|\\b(?:thanks|thank you) (?:a lot|so much) for nothing\\b|\\bwhat a (?:surprise|shock)\\b"
                    + "|\\bcouldn't be happier\\b|\\bmy favou?rite thing\\b|(?:^|\\s)/s\\b");
    /** One or two words in quotes that open at a word's start and close at a word's end. */
    private static final Pattern SCARE_QUOTES = Pattern.compile(
            "(?:^|[\\s(])[\"“‘'][\\p{L}][\\p{L}\\-]*(?: [\\p{L}][\\p{L}\\-]*)?[\"”’'](?=$|[\\s.,!?;:)])");
    private static final Pattern CAPS_WORD = Pattern.compile("(?<![\\p{L}#@])\\p{Lu}{3,}(?!\\p{L})");
    private static final Pattern PART = Pattern.compile("['\\-]");
    private static final Pattern ELONGATED = Pattern.compile("(\\p{L})\\1\\1");

    public TextCues {
        present = present.isEmpty() ? EnumSet.noneOf(Cue.class) : EnumSet.copyOf(present);
        present = java.util.Collections.unmodifiableSet(present);
    }

    /** The cues of a text. */
    public static TextCues of(String text) {
        EnumSet<Cue> found = EnumSet.noneOf(Cue.class);
        String withoutUrls = URL.matcher(text).replaceAll(" ");
        if (withoutUrls.length() != text.length() || HASHTAG_MENTION.matcher(text).find()) {
            found.add(Cue.HASHTAG_MENTION_URL);
        }
        String lower = withoutUrls.replace('’', '\'').toLowerCase(Locale.ROOT);
        if (readWords(lower, found) < SHORT_WORDS) {
            found.add(Cue.SHORT);
        }
        if (lower.indexOf('"') >= 0 || lower.indexOf('\'') >= 0 || lower.indexOf('“') >= 0 || lower.indexOf('‘') >= 0
                ? IRONY_MARKER.matcher(lower).find() || SCARE_QUOTES.matcher(withoutUrls).find()
                : IRONY_MARKER.matcher(lower).find()) {
            found.add(Cue.IRONY);
        }
        Matcher caps = CAPS_WORD.matcher(withoutUrls);
        int shouted = 0;
        while (shouted < 2 && caps.find()) {
            shouted++;
        }
        if (shouted >= 2) {
            found.add(Cue.ALL_CAPS);
        }
        if (ELONGATED.matcher(HASHTAG_MENTION.matcher(withoutUrls).replaceAll(" ")).find()) {
            found.add(Cue.ELONGATION);
        }
        if (text.indexOf('?') >= 0 || text.indexOf('？') >= 0) {
            found.add(Cue.QUESTION);
        }
        return new TextCues(found);
    }

    /**
     * One pass over the words of a lower-cased text (letters and digits, with apostrophes and hyphens inside): negation,
     * contrast, and a positive word in the same sentence as an everyday annoyance (irony). Returns the number of words.
     */
    private static int readWords(String lower, Set<Cue> found) {
        int words = 0;
        boolean positive = false;
        boolean annoyance = false;
        int i = 0;
        int n = lower.length();
        while (i < n) {
            char ch = lower.charAt(i);
            if (ch == '.' || ch == '!' || ch == '?' || ch == ';' || ch == '\n') { // a sentence ends
                positive = false;
                annoyance = false;
                i++;
                continue;
            }
            if (!wordChar(ch)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && (wordChar(lower.charAt(i))
                    || ((lower.charAt(i) == '\'' || lower.charAt(i) == '-') && i + 1 < n && wordChar(lower.charAt(i + 1))))) {
                i++;
            }
            String word = lower.substring(start, i);
            words += word.indexOf('_') < 0 ? 1 : wordsIn(word);
            if (word.endsWith("n't")) {
                found.add(Cue.NEGATION);
            }
            // "nothing's", "no-one", "great-looking": each part is a word to the lists
            for (String w : word.indexOf('\'') < 0 && word.indexOf('-') < 0 ? new String[]{word} : PART.split(word)) {
                if (NEGATION.contains(w)) {
                    found.add(Cue.NEGATION);
                }
                if (CONTRAST.contains(w)) {
                    found.add(Cue.CONTRAST);
                }
                positive |= POSITIVE.contains(w);
                annoyance |= ANNOYANCE.contains(w);
            }
            if (positive && annoyance) {
                found.add(Cue.IRONY);
            }
        }
        return words;
    }

    /** Words of a name with underscores: "mckenzie_7" is two, "__" none. */
    private static int wordsIn(String name) {
        int n = 0;
        for (String part : name.split("_")) {
            n += !part.isEmpty() && Character.isLetterOrDigit(part.charAt(0)) ? 1 : 0;
        }
        return n;
    }

    /** A letter, a digit or an underscore ("@dont_stop" is a name, not a negation). */
    private static boolean wordChar(char ch) {
        return Character.isLetterOrDigit(ch) || ch == '_';
    }

    public boolean has(Cue cue) {
        return present.contains(cue);
    }

    /** A hashtag, mention or URL, capitals or an elongated word: the form of a tweet. */
    public boolean tweetForm() {
        return has(Cue.HASHTAG_MENTION_URL) || has(Cue.ALL_CAPS) || has(Cue.ELONGATION);
    }

    /** The cues a reader of the reading is told about: negation, irony and questions (see {@link TextCaution}). */
    public Set<TextCaution> cautions() {
        EnumSet<TextCaution> out = EnumSet.noneOf(TextCaution.class);
        if (has(Cue.NEGATION)) {
            out.add(TextCaution.NEGATION);
        }
        if (has(Cue.IRONY)) {
            out.add(TextCaution.IRONY);
        }
        if (has(Cue.QUESTION)) {
            out.add(TextCaution.QUESTION);
        }
        return out;
    }
}
