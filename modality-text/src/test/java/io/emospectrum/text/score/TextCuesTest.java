package io.emospectrum.text.score;

import io.emospectrum.text.score.TextCues.Cue;
import io.emospectrum.spi.TextCaution;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextCuesTest {
    private static EnumSet<Cue> cues(String text) {
        TextCues c = TextCues.of(text);
        return c.present().isEmpty() ? EnumSet.noneOf(Cue.class) : EnumSet.copyOf(c.present());
    }

    @Test
    void aPlainStatementHasNoCue() {
        assertThat(cues("I am happy with the result.")).isEmpty();
        assertThat(cues("The train was late again and I am furious.")).isEmpty();
        assertThat(TextCues.NONE.present()).isEmpty();
    }

    @Test
    void negationIsFoundInItsSpellingsAndNotInWordsThatContainIt() {
        assertThat(cues("I am not unhappy with the result.")).containsExactly(Cue.NEGATION);
        assertThat(cues("I don't know what to say to him anymore")).contains(Cue.NEGATION);
        assertThat(cues("I don’t know what to say to him anymore")).contains(Cue.NEGATION); // a typographic apostrophe
        assertThat(cues("i dont even care about the game tonight")).contains(Cue.NEGATION);
        assertThat(cues("She left without a word to anyone here")).contains(Cue.NEGATION);
        assertThat(cues("Nothing ever happens in this town at night")).contains(Cue.NEGATION);
        assertThat(cues("We noted the knots in the nothingness of space")).doesNotContain(Cue.NEGATION);
    }

    @Test
    void contrastIsABut() {
        assertThat(cues("The food was good but the service was slow")).containsExactly(Cue.CONTRAST);
        assertThat(cues("Although it rained, we had a good time")).contains(Cue.CONTRAST);
        assertThat(cues("The butler brought the food to the table")).doesNotContain(Cue.CONTRAST);
    }

    @Test
    void ironyMarkersScareQuotesAndPraiseOfAnAnnoyance() {
        assertThat(cues("Oh great, another Monday. Just what I needed.")).containsExactly(Cue.IRONY);
        assertThat(cues("Yeah right, like that is ever going to happen.")).contains(Cue.IRONY);
        assertThat(cues("How dare you question the prices. /s")).contains(Cue.IRONY);
        assertThat(cues("Thanks, my \"friend\" really helped me out there.")).contains(Cue.IRONY);
        assertThat(cues("Standing in line for an hour...my favorite thing...")).contains(Cue.IRONY);
        assertThat(cues("I love being stuck in traffic for two hours")).contains(Cue.IRONY);
        // praise and the annoyance in different sentences, or no annoyance at all: no irony
        assertThat(cues("I love this phone. The train was late.")).doesNotContain(Cue.IRONY);
        assertThat(cues("It's the best day ever, thank you all so much")).doesNotContain(Cue.IRONY);
        assertThat(cues("He said \"I will be there at five\" and he was.")).doesNotContain(Cue.IRONY); // a quotation, not scare quotes
    }

    @Test
    void theFormOfATweet() {
        TextCues tagged = TextCues.of("This is a real tragedy happening now in #Venezuela https://t.co/VAIfL47OQ6");
        assertThat(tagged.present()).containsExactly(Cue.HASHTAG_MENTION_URL);
        assertThat(tagged.tweetForm()).isTrue();
        assertThat(cues("@TweezRUs eww ur nasty..! Noodles with cheese and tuna")).containsExactly(Cue.HASHTAG_MENTION_URL);
        assertThat(cues("I WANT A PUPPY FOR CHRISTMAS this year please")).containsExactly(Cue.ALL_CAPS);
        assertThat(cues("We flew from the USA to Paris last week")).doesNotContain(Cue.ALL_CAPS); // one acronym is not shouting
        assertThat(cues("I am soooo tired of all this waiting today")).contains(Cue.ELONGATION);
        assertThat(cues("Visit www.example.com for all the details today")).containsExactly(Cue.HASHTAG_MENTION_URL); // "www" is not elongation
        assertThat(TextCues.of("The committee will meet on Tuesday afternoon").tweetForm()).isFalse();
        assertThat(cues("Email me at name@example.com about the meeting")).doesNotContain(Cue.HASHTAG_MENTION_URL);
    }

    @Test
    void questionsAndVeryShortTexts() {
        assertThat(cues("What are the roses going for this week?")).containsExactly(Cue.QUESTION);
        assertThat(cues("Yes.")).containsExactly(Cue.SHORT);
        assertThat(cues("Thank you so much!")).containsExactly(Cue.SHORT);
        assertThat(cues("Thank you so much, really!")).doesNotContain(Cue.SHORT);
    }

    @Test
    void theCuesCannotBeChangedFromOutside() {
        TextCues c = TextCues.of("Is this not the best day?");
        assertThat(c.present()).contains(Cue.NEGATION, Cue.QUESTION);
        assertThatThrownBy(() -> c.present().add(Cue.IRONY)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aReaderIsToldOfNegationIronyAndQuestionsOnly() {
        assertThat(TextCues.of("Oh great, another Monday. Just what I needed.").cautions()).containsExactly(TextCaution.IRONY);
        assertThat(TextCues.of("Why am I not unhappy with the result?").cautions())
                .containsExactlyInAnyOrder(TextCaution.NEGATION, TextCaution.QUESTION);
        // a contrast, a hashtag or a short text is a cue of the calibrator's, not a caution
        assertThat(TextCues.of("The food was good but the service was slow #fail").cautions()).isEmpty();
        assertThat(TextCues.of("Yes.").cautions()).isEmpty();
    }
}
