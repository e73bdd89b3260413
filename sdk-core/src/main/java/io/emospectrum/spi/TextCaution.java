package io.emospectrum.spi;

/**
 * Something in a text that text models are known to read poorly, found from the text's surface.
 * A caution does not change the reading: the reading still takes the words at face value, and a
 * caller decides what to do with it (show it, down-weight it, send the text to a person).
 * Found by surface markers, not by understanding: most irony has no marker, and a marker can be
 * sincere ("Oh great, you made it!").
 */
public enum TextCaution {
    /**
     * A negation (not, n't, never, no, without, ...). Negated texts are read right less often (on
     * the GoEmotions dev split 0.57 against 0.69 for other texts), and a negated emotion word ("not
     * unhappy") is often read as the word itself.
     */
    NEGATION,
    /**
     * A marker of sarcasm or irony ("oh great", "just what I needed", "yeah right", "/s", scare quotes,
     * a positive word next to an everyday annoyance: "great, another Monday"). The model reads the
     * literal words: a sarcastic "great" reads as happiness.
     */
    IRONY,
    /**
     * A question. Questions are read right less often, above all neutral ones in conversation (a
     * model that did not train on dialogue reads them as an emotion).
     */
    QUESTION
}
