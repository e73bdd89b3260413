package io.emospectrum.text;

import io.emospectrum.conversation.ContextWindow;
import io.emospectrum.conversation.Conversation;
import io.emospectrum.conversation.ConversationAnalysis;
import io.emospectrum.conversation.TurnReading;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.TextSpan;
import io.emospectrum.spectrum.TimeSpan;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.TextEmotionExtractor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled model read through the conversation API: the turns before a turn change its reading. */
class ConversationContextTest {
    private static final String SAME_LINE = "It has been three weeks now.";
    private static TextEmotionExtractor extractor;

    @BeforeAll
    static void load() {
        extractor = new GoEmotionsMiniLmProvider().create(ExtractorOptions.builder().batchSize(8).build());
    }

    @AfterAll
    static void close() {
        extractor.close();
    }

    private static Conversation after(String first, String second) {
        return Conversation.builder()
                .turn("customer", first, 0.0, 4.0)
                .turn("agent", second, 4.0, 6.5)
                .turn("customer", SAME_LINE, 6.5, 8.0)
                .build();
    }

    @Test
    void theProviderReadsConversationsWithTheWindowItWasMeasuredWith() {
        // the window chosen on dialogue, with the temperature the default model's calibrator fitted for its blended turns
        assertThat(extractor.contextWindow().withTemperature(1f)).isEqualTo(TransformerTextExtractor.DIALOGUE_CONTEXT);
        assertThat(extractor.contextWindow().temperature()).isLessThan(1f);
        assertThat(extractor.contextWindow().isNone()).isFalse();
    }

    @Test
    void theSameWordsReadDifferentlyAfterAnAngryAndAfterAHappyExchange() {
        ConversationAnalysis angry = extractor.analyzeConversation(after(
                "My package never arrived and nobody answers my emails. This is outrageous, I am furious!",
                "I am sorry to hear that."));
        ConversationAnalysis happy = extractor.analyzeConversation(after(
                "Thank you so much, the gift arrived and my daughter loved it!",
                "That is wonderful to hear, congratulations!"));
        TurnReading angryTurn = angry.turns().get(2);
        TurnReading happyTurn = happy.turns().get(2);

        // alone, the line reads the same in both conversations
        assertThat(angryTurn.alone().overall().spectrum()).isEqualTo(happyTurn.alone().overall().spectrum());
        EmotionReading alone = angryTurn.alone().overall();
        // with the turns before it, it leans towards what was said before
        assertThat(angryTurn.reading().spectrum().probability(EmotionCategory.ANGER))
                .isGreaterThan(happyTurn.reading().spectrum().probability(EmotionCategory.ANGER));
        assertThat(happyTurn.reading().spectrum().probability(EmotionCategory.HAPPINESS))
                .isGreaterThan(angryTurn.reading().spectrum().probability(EmotionCategory.HAPPINESS));
        assertThat(angryTurn.reading().spectrum().valence()).isLessThan(happyTurn.reading().spectrum().valence() - 0.1f);
        // the blend itself, before the window's temperature sharpens it (which shrinks every category but the dominant one)
        ContextWindow blendOnly = extractor.contextWindow().withTemperature(1f);
        EmotionReading angryBlend = extractor.analyzeConversation(after(
                "My package never arrived and nobody answers my emails. This is outrageous, I am furious!",
                "I am sorry to hear that."), blendOnly).turns().get(2).reading();
        assertThat(angryBlend.spectrum().probability(EmotionCategory.ANGER))
                .isGreaterThan(alone.spectrum().probability(EmotionCategory.ANGER) + 0.05f);
        assertThat(angryTurn.reading().dominant()).isEqualTo(angryBlend.dominant());

        // each turn keeps its own place: character span over its text, its time, its speaker
        assertThat(angryTurn.reading().span().text()).isEqualTo(new TextSpan(0, SAME_LINE.length()));
        assertThat(angryTurn.reading().span().time()).isEqualTo(new TimeSpan(6.5, 8.0));
        assertThat(angryTurn.reading().subject()).isEqualTo("customer");
        assertThat(angryTurn.reading().modelScores().labels()).hasSize(28);
        assertThat(angryTurn.alone().language()).isEqualTo("en");

        // read alone, nothing changes
        ConversationAnalysis none = extractor.analyzeConversation(after("I am furious!", "Sorry."), ContextWindow.NONE);
        assertThat(none.turns().get(2).reading().spectrum()).isEqualTo(alone.spectrum());
    }

    @Test
    void aTurnReadSurelyAloneKeepsItsReadingAfterACheerfulLine() {
        Conversation call = Conversation.builder()
                .turn("agent", "Great news, your refund has been approved!")
                .turn("customer", "I am furious, I hate you, get out!")
                .build();
        ConversationAnalysis a = extractor.analyzeConversation(call);
        TurnReading customer = a.turns().get(1);

        assertThat(customer.alone().overall().dominant()).isEqualTo(EmotionCategory.ANGER);
        assertThat(a.turns().get(0).reading().dominant()).isEqualTo(EmotionCategory.HAPPINESS);
        // the context still moves it (the turn is not read alone), but it cannot turn anger into happiness
        assertThat(customer.reading().spectrum()).isNotEqualTo(customer.alone().overall().spectrum());
        assertThat(customer.reading().dominant()).isEqualTo(EmotionCategory.ANGER);
        // the same window with a fixed half-and-half share is what it guards against
        ConversationAnalysis fixed = extractor.analyzeConversation(call, ContextWindow.of(4, 0.5f));
        assertThat(fixed.turns().get(1).reading().spectrum().probability(EmotionCategory.ANGER))
                .isLessThan(customer.reading().spectrum().probability(EmotionCategory.ANGER));
    }

    @Test
    void theCustomerOfAnAngryCallIsSummedUpAsNegative() {
        ConversationAnalysis a = extractor.analyzeConversation(after(
                "My package never arrived and nobody answers my emails. This is outrageous, I am furious!",
                "I am sorry to hear that."));

        EmotionReading customer = a.speaker("customer").orElseThrow().overall();
        assertThat(a.speaker("customer").orElseThrow().turns()).isEqualTo(2);
        assertThat(customer.spectrum().valence()).isNegative();
        assertThat(customer.span().time()).isEqualTo(new TimeSpan(0.0, 8.0));
        assertThat(customer.confidence()).isBetween(0f, 1f);
    }
}
