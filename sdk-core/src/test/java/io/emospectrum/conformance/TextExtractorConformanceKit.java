package io.emospectrum.conformance;

import io.emospectrum.conversation.ContextWindow;
import io.emospectrum.conversation.Conversation;
import io.emospectrum.conversation.ConversationAnalysis;
import io.emospectrum.conversation.SpeakerSummary;
import io.emospectrum.conversation.TurnReading;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.TextSpan;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.emospectrum.conformance.ReadingAssertions.assertSameSpectrum;
import static io.emospectrum.conformance.ReadingAssertions.assertWellFormed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link TextEmotionExtractor} must do. A provider's test extends this kit and
 * implements {@link #createExtractor()}; the extractor is created once per test class.
 */
public abstract class TextExtractorConformanceKit extends ExtractorConformanceKit<TextEmotionExtractor> {
    /** Texts whose dominant category any competent model reads correctly. */
    protected Map<String, EmotionCategory> clearCases() {
        return Map.of(
                "I am so happy and grateful today, this is wonderful!", EmotionCategory.HAPPINESS,
                "I am furious, this makes me so angry I could scream.", EmotionCategory.ANGER,
                "I feel so sad and lonely since she died.", EmotionCategory.SADNESS);
    }

    @Override
    protected void exercise(TextEmotionExtractor e) {
        e.analyzeAll(List.of("I am so happy and grateful today, this is wonderful!", "The train was late again and I am furious."));
    }

    @Test
    void readingsAreWellFormed() {
        String text = "What a lovely morning. Then the train was late again and I was angry!";
        TextAnalysis a = extractor.analyze(text);
        assertWellFormed(a.overall(), extractor, Modality.TEXT);
        assertThat(a.segments()).isNotEmpty();
        for (EmotionReading s : a.segments()) {
            assertWellFormed(s, extractor, Modality.TEXT);
            TextSpan span = s.span().text();
            assertThat(span).as("segment text span").isNotNull();
            assertThat(span.end()).isLessThanOrEqualTo(text.length());
        }
    }

    @Test
    void aConversationGetsOneReadingPerTurnInPlaceAndOneSummaryPerSpeaker() {
        Conversation c = Conversation.builder()
                .turn("customer", "I am furious, this makes me so angry I could scream.", 0.0, 3.0)
                .turn("agent", "I understand.", 3.0, 4.0)
                .turn("customer", "Fine.", 4.0, 5.0)
                .build();
        ConversationAnalysis a = extractor.analyzeConversation(c);

        assertThat(a.context()).isEqualTo(extractor.contextWindow());
        assertThat(a.turns()).hasSize(3);
        for (TurnReading t : a.turns()) {
            assertWellFormed(t.reading(), extractor, Modality.TEXT);
            assertThat(t.reading().subject()).isEqualTo(t.speaker());
            assertThat(t.reading().span().text()).isEqualTo(new TextSpan(0, t.turn().text().length()));
            assertThat(t.reading().span().time()).isEqualTo(t.turn().time());
            assertSameSpectrum(t.alone().overall(), extractor.analyze(t.turn().text()).overall(), 1e-3f);
        }
        // the first turn has no context; read alone, every turn is its own reading
        assertSameSpectrum(a.turns().get(0).reading(), a.turns().get(0).alone().overall(), 0f);
        ConversationAnalysis alone = extractor.analyzeConversation(c, ContextWindow.NONE);
        for (TurnReading t : alone.turns()) {
            assertSameSpectrum(t.reading(), t.alone().overall(), 0f);
        }
        assertThat(a.speakers()).extracting(SpeakerSummary::speaker).containsExactly("customer", "agent");
        assertThat(a.speaker("customer").orElseThrow().turns()).isEqualTo(2);
        a.speakers().forEach(s -> assertWellFormed(s.overall(), extractor, Modality.TEXT));
    }

    @Test
    void clearCasesReadAsTheirCategory() {
        clearCases().forEach((text, expected) ->
                assertThat(extractor.analyze(text).overall().dominant()).as(text).isEqualTo(expected));
    }

    @Test
    void textWithNothingToReadIsRejected() {
        for (String blank : List.of("", "   \t\n", "\u0000\u0001\u0002")) {
            assertThatThrownBy(() -> extractor.analyze(blank)).isInstanceOf(InvalidInputException.class);
        }
        // and the extractor keeps working afterwards
        assertWellFormed(extractor.analyze("Fine, thanks.").overall(), extractor, Modality.TEXT);
    }

    @Test
    void unusualTextStillGetsAReading() {
        List<String> texts = List.of(
                "😀😀 best day ever 🎉",
                "Je suis très heureux aujourd'hui.",
                "今日はとても悲しい",
                "tab\tseparated\u0007bell and\u0000nul",
                "ha ".repeat(40_000));
        for (String t : texts) {
            assertWellFormed(extractor.analyze(t).overall(), extractor, Modality.TEXT);
        }
    }

    @Test
    void analyzeAllKeepsOrderAndMatchesAnalyze() {
        List<String> texts = new ArrayList<>(clearCases().keySet());
        texts.add("ok");
        texts.add("A much longer sentence that goes on about the weather, the train and the many things of the day.");
        List<TextAnalysis> batch = extractor.analyzeAll(texts);
        assertThat(batch).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertSameSpectrum(batch.get(i).overall(), extractor.analyze(texts.get(i)).overall(), 1e-3f);
        }
    }

    @Test
    void concurrentCallersGetTheSameResultsAsOne() throws Exception {
        List<String> texts = new ArrayList<>(clearCases().keySet());
        List<EmotionReading> expected = texts.stream().map(t -> extractor.analyze(t).overall()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<EmotionReading>>> futures = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                futures.add(pool.submit(() -> texts.stream().map(t -> extractor.analyze(t).overall()).toList()));
            }
            for (Future<List<EmotionReading>> f : futures) {
                List<EmotionReading> got = f.get();
                for (int i = 0; i < got.size(); i++) {
                    assertSameSpectrum(got.get(i), expected.get(i), 1e-3f);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
