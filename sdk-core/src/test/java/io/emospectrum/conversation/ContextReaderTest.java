package io.emospectrum.conversation;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.TextSpan;
import io.emospectrum.spectrum.TimeSpan;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.testing.KeywordTextExtractor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ContextReaderTest {
    private static KeywordTextExtractor text;

    @BeforeAll
    static void open() {
        text = new KeywordTextExtractor();
    }

    @AfterAll
    static void close() {
        text.close();
    }

    private static final Conversation CALL = Conversation.builder()
            .turn("customer", "I am so angry about this bill.", 0.0, 3.5)
            .turn("agent", "I understand. Let me check.", 3.5, 6.0)
            .turn("customer", "Fine.", 6.0, 7.0)
            .turn("agent", "Happy to help, it is fixed. Joy!", 7.0, 10.0)
            .build();

    @Test
    void aTurnReadAloneIsItsOwnReadingPlacedInTheConversation() {
        ConversationAnalysis a = text.analyzeConversation(CALL, ContextWindow.NONE);

        assertThat(a.turns()).hasSize(4);
        for (TurnReading t : a.turns()) {
            TextAnalysis alone = text.analyze(t.turn().text());
            assertThat(t.reading().spectrum()).isEqualTo(alone.overall().spectrum());
            assertThat(t.reading().confidence()).isEqualTo(alone.overall().confidence());
            assertThat(t.reading().subject()).isEqualTo(t.speaker());
            assertThat(t.reading().span().text()).isEqualTo(new TextSpan(0, t.turn().text().length()));
            assertThat(t.reading().span().time()).isEqualTo(t.turn().time());
        }
        assertThat(a.context()).isEqualTo(ContextWindow.NONE);
    }

    @Test
    void contextPullsANeutralTurnTowardsTheTurnsBeforeIt() {
        ContextWindow window = ContextWindow.of(2, 0.5f);
        ConversationAnalysis a = text.analyzeConversation(CALL, window);
        EmotionReading fineAlone = a.turns().get(2).alone().overall();
        EmotionReading fineInContext = a.turns().get(2).reading();

        assertThat(fineAlone.dominant()).isEqualTo(EmotionCategory.NEUTRAL);
        assertThat(fineInContext.spectrum().probability(EmotionCategory.ANGER))
                .isGreaterThan(fineAlone.spectrum().probability(EmotionCategory.ANGER) + 0.1f);
        assertThat(fineInContext.spectrum().valence()).isLessThan(fineAlone.spectrum().valence());
        // the first turn has nothing before it
        assertThat(a.turns().get(0).reading().spectrum()).isEqualTo(a.turns().get(0).alone().overall().spectrum());
        // a blend is still a spectrum, and the confidence follows its dominant probability
        float sum = 0;
        for (float p : fineInContext.spectrum().probabilities()) {
            sum += p;
        }
        assertThat(sum).isCloseTo(1f, within(1e-4f));
        float ratio = fineAlone.confidence() / fineAlone.spectrum().probability(fineAlone.dominant());
        assertThat(fineInContext.confidence()).isCloseTo(
                Math.min(1f, fineInContext.spectrum().probability(fineInContext.dominant()) * ratio), within(1e-5f));
    }

    @Test
    void theContextIsTheConfidenceWeightedMeanOfTheWindowsTurns() {
        ContextWindow window = ContextWindow.of(2, 0.4f);
        ConversationAnalysis a = text.analyzeConversation(CALL, window);
        EmotionReading first = a.turns().get(0).alone().overall();
        EmotionReading second = a.turns().get(1).alone().overall();
        EmotionReading own = a.turns().get(2).alone().overall();
        float[] expected = own.vector();
        float[] v1 = first.vector();
        float[] v2 = second.vector();
        float w = first.confidence() + second.confidence();
        for (int k = 0; k < expected.length; k++) {
            expected[k] = 0.6f * expected[k] + 0.4f * (first.confidence() * v1[k] + second.confidence() * v2[k]) / w;
        }
        assertThat(a.turns().get(2).reading().vector()).containsExactly(expected, within(1e-5f));
    }

    @Test
    void sameSpeakerScopeSkipsTheOtherSpeakersTurns() {
        ConversationAnalysis own = text.analyzeConversation(CALL, new ContextWindow(1, 0.5f, ContextWindow.Scope.SAME_SPEAKER, ContextWindow.Share.FIXED));
        ConversationAnalysis any = text.analyzeConversation(CALL, ContextWindow.of(1, 0.5f));

        // "Fine." follows the agent's neutral turn, but the customer's own turn before was angry
        assertThat(own.turns().get(2).reading().spectrum().probability(EmotionCategory.ANGER))
                .isGreaterThan(any.turns().get(2).reading().spectrum().probability(EmotionCategory.ANGER));
    }

    @Test
    void byUncertaintyATurnReadSurelyAloneLeansLessOnItsContext() {
        Conversation c = Conversation.builder()
                .turn("a", "I am so angry!")
                .turn("b", "Happy, happy, joy, joy!")   // read surely alone: confidence 1
                .turn("b", "Fine.")                     // unsure alone: confidence 0.2
                .build();
        ContextWindow window = new ContextWindow(1, 0.8f, ContextWindow.Scope.ALL_SPEAKERS, ContextWindow.Share.BY_UNCERTAINTY);
        ConversationAnalysis fixed = text.analyzeConversation(c, ContextWindow.of(1, 0.8f));
        ConversationAnalysis gated = text.analyzeConversation(c, window);

        EmotionReading sure = gated.turns().get(1).alone().overall();
        assertThat(sure.confidence()).isEqualTo(1f);
        assertThat(gated.turns().get(1).reading().spectrum()).isEqualTo(sure.spectrum());
        assertThat(fixed.turns().get(1).reading().dominant()).isEqualTo(EmotionCategory.ANGER); // a fixed share overrules it
        // the unsure turn takes share 0.8 x (1 - 0.2) of its context's happiness
        EmotionReading fine = gated.turns().get(2).reading();
        assertThat(fine.spectrum().probability(EmotionCategory.HAPPINESS)).isCloseTo(0.8f * 0.8f, within(1e-5f));
    }

    @Test
    void aTemperatureBelowOneSharpensTheBlendedTurnWithoutChangingItsReading() {
        ContextWindow plain = ContextWindow.of(2, 0.5f);
        ContextWindow sharp = plain.withTemperature(0.5f);
        List<TurnReading> p = text.analyzeConversation(CALL, plain).turns();
        List<TurnReading> s = text.analyzeConversation(CALL, sharp).turns();
        assertThat(sharp.temperature()).isEqualTo(0.5f);
        assertThat(plain.temperature()).isEqualTo(1f);
        int raised = 0;
        for (int i = 1; i < p.size(); i++) {
            EmotionReading a = p.get(i).reading();
            EmotionReading b = s.get(i).reading();
            assertThat(b.dominant()).isEqualTo(a.dominant());
            assertThat(b.confidence()).isGreaterThanOrEqualTo(a.confidence());
            raised += b.confidence() > a.confidence() ? 1 : 0;
            // the category order is kept; valence and arousal are the blend's
            assertThat(b.spectrum().valence()).isEqualTo(a.spectrum().valence());
        }
        assertThat(raised).as("blended turns read more surely").isPositive();
        assertThatThrownBy(() -> plain.withTemperature(0f)).hasMessageContaining("temperature");
    }

    @Test
    void eachSpeakerIsSummedUpByTheConfidenceWeightedMeanOfTheirTurns() {
        ConversationAnalysis a = text.analyzeConversation(CALL, ContextWindow.of(2, 0.4f));

        assertThat(a.speakers()).extracting(SpeakerSummary::speaker).containsExactly("customer", "agent");
        SpeakerSummary customer = a.speaker("customer").orElseThrow();
        assertThat(customer.turns()).isEqualTo(2);
        EmotionReading r0 = a.turns().get(0).reading();
        EmotionReading r2 = a.turns().get(2).reading();
        float anger = (r0.confidence() * r0.spectrum().probability(EmotionCategory.ANGER)
                + r2.confidence() * r2.spectrum().probability(EmotionCategory.ANGER)) / (r0.confidence() + r2.confidence());
        assertThat(customer.overall().spectrum().probability(EmotionCategory.ANGER)).isCloseTo(anger, within(1e-5f));
        assertThat(customer.overall().confidence()).isCloseTo((r0.confidence() + r2.confidence()) / 2, within(1e-5f));
        assertThat(customer.overall().span().time()).isEqualTo(new TimeSpan(0.0, 7.0));
        assertThat(customer.overall().subject()).isEqualTo("customer");
        assertThat(a.speaker("agent").orElseThrow().overall().dominant()).isEqualTo(EmotionCategory.HAPPINESS);
        assertThat(a.speaker("nobody")).isEmpty();
    }

    @Test
    void turnsWithoutTimesGiveASummaryWithoutTime() {
        Conversation chat = Conversation.builder().turn("a", "wow").turn("b", "I am sad.").turn("a", "sad").build();
        ConversationAnalysis a = text.analyzeConversation(chat, ContextWindow.of(1, 0.3f));

        assertThat(a.speaker("a").orElseThrow().overall().span().time()).isNull();
        assertThat(a.turns()).extracting(t -> t.reading().span().time()).containsOnlyNulls();
    }

    @Test
    void badInputIsRefusedWithAClearError() {
        assertThatThrownBy(() -> Conversation.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one turn");
        assertThatThrownBy(() -> Turn.of(" ", "hello")).hasMessageContaining("speaker");
        assertThatThrownBy(() -> Turn.of("a", "hi", 5, 2)).hasMessageContaining("invalid time span");
        assertThatThrownBy(() -> ContextWindow.of(2, 1f)).hasMessageContaining("weight");
        assertThatThrownBy(() -> ContextWindow.of(-1, 0.5f)).hasMessageContaining("previousTurns");
        assertThatThrownBy(() -> new ContextReader(ContextWindow.NONE).read(CALL, List.of()))
                .hasMessageContaining("0 analyses for 4 turns");
        Conversation blank = Conversation.builder().turn("a", "hello").turn("b", "   ").build();
        assertThatThrownBy(() -> text.analyzeConversation(blank)).isInstanceOf(InvalidInputException.class);
    }
}
