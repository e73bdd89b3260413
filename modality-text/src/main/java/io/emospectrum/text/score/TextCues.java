package io.emospectrum.text.score;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Surface cues of a text that a sentence encoder is known to read poorly: negation, contrast, irony,
 * tweet-like form, questions, very short texts. Found from the text alone by a few regular
 * expressions (microseconds; no model, no lexicon file), so that {@link ConfidenceCalibrator} can
 * read them as inputs. They are cues, not a parser: "not" inside a quotation counts as negation,
 * and most irony has no marker at all.
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
    private static final Pattern NEGATION = Pattern.compile(
            "\\b(?:not|no|never|nothing|nobody|none|nowhere|neither|nor|without|hardly|barely|scarcely|cannot"
                    + "|dont|doesnt|didnt|cant|wont|isnt|arent|wasnt|werent|havent|hasnt|hadnt|shouldnt|wouldnt|couldnt|aint)\\b|n't\\b");
    private static final Pattern CONTRAST = Pattern.compile(
            "\\b(?:but|though|although|however|despite|whereas|nevertheless|nonetheless|except|instead)\\b");
    private static final Pattern IRONY_MARKER = Pattern.compile(
            "\\boh,? (?:great|joy|wonderful|good|lovely|perfect|fantastic|brilliant|sure)\\b"
                    + "|\\bjust what i (?:needed|wanted)\\b|\\byeah,? right\\b|\\byeah,? sure\\b|\\bas if\\b"
                    + "|\\b(?:thanks|thank you) (?:a lot|so much) for nothing\\b|\\bwhat a (?:surprise|shock)\\b"
                    + "|\\bcouldn't be happier\\b|\\bmy favou?rite thing\\b|(?:^|\\s)/s\\b");
    /** One or two words in quotes that open at a word's start and close at a word's end. */
    private static final Pattern SCARE_QUOTES = Pattern.compile(
            "(?:^|[\\s(])[\"“‘'][\\p{L}][\\p{L}\\-]*(?: [\\p{L}][\\p{L}\\-]*)?[\"”’'](?=$|[\\s.,!?;:)])");
    private static final Pattern POSITIVE = Pattern.compile(
            "\\b(?:great|love|loving|loved|wonderful|fantastic|perfect|awesome|brilliant|lovely|amazing|fun|best|yay|nice|thrilled)\\b");
    private static final Pattern ANNOYANCE = Pattern.compile(
            "\\b(?:monday|mondays|traffic|late|again|another|stuck|broke|broken|waiting|wait|delayed|delay|queue|line|rain|homework"
                    + "|exam|exams|sick|overtime|headache|hangover|alarm|bills|taxes|crashed|cancelled|canceled)\\b");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?;\\n]+");
    private static final Pattern CAPS_WORD = Pattern.compile("(?<![\\p{L}#@])\\p{Lu}{3,}(?!\\p{L})");
    private static final Pattern ELONGATED = Pattern.compile("(\\p{L})\\1\\1");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’\\-]*");

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
        if (NEGATION.matcher(lower).find()) {
            found.add(Cue.NEGATION);
        }
        if (CONTRAST.matcher(lower).find()) {
            found.add(Cue.CONTRAST);
        }
        if (IRONY_MARKER.matcher(lower).find() || SCARE_QUOTES.matcher(withoutUrls).find() || praisesAnAnnoyance(lower)) {
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
        Matcher words = WORD.matcher(withoutUrls);
        int n = 0;
        while (n < SHORT_WORDS && words.find()) {
            n++;
        }
        if (n < SHORT_WORDS) {
            found.add(Cue.SHORT);
        }
        return new TextCues(found);
    }

    /** A positive word and an everyday annoyance in the same sentence. */
    private static boolean praisesAnAnnoyance(String lower) {
        for (String sentence : SENTENCE_END.split(lower)) {
            if (POSITIVE.matcher(sentence).find() && ANNOYANCE.matcher(sentence).find()) {
                return true;
            }
        }
        return false;
    }

    public boolean has(Cue cue) {
        return present.contains(cue);
    }

    /** A hashtag, mention or URL, capitals or an elongated word: the form of a tweet. */
    public boolean tweetForm() {
        return has(Cue.HASHTAG_MENTION_URL) || has(Cue.ALL_CAPS) || has(Cue.ELONGATION);
    }
}
