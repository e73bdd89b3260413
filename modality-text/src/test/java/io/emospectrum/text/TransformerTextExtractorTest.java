package io.emospectrum.text;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.TextSpan;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransformerTextExtractorTest {
    private static TextEmotionExtractor extractor;

    @BeforeAll
    static void load() {
        extractor = new GoEmotionsMiniLmProvider().create(ExtractorOptions.builder().batchSize(8).build());
    }

    @AfterAll
    static void close() {
        extractor.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   \n\t  ", "\u0000\u0007\u001b", "\u200b\u00a0 \u3000"})
    void textWithNothingToReadIsATypedError(String text) {
        assertThatThrownBy(() -> extractor.analyze(text))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nothing to read");
    }

    @Test
    void nullIsATypedErrorAndTheBatchNamesTheBadText() {
        assertThatThrownBy(() -> extractor.analyze(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> extractor.analyzeAll(List.of("fine", " ")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("text #1");
        // the extractor keeps working after bad input
        assertThat(extractor.analyze("I love this!").overall().dominant()).isEqualTo(EmotionCategory.HAPPINESS);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "😀😀🎉",
            "I love this 😍😍 so much",
            "Je suis très heureux aujourd'hui, merci beaucoup !",
            "今日はとても幸せです。",
            "Hello\u0000 world\u0007, this\tis\r\nfine",
            "\uD83D",  // a lone surrogate
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"})
    void oddButReadableTextGetsAReading(String text) {
        TextAnalysis a = extractor.analyze(text);
        assertThat(a.overall().spectrum().toVector()).hasSize(9);
        assertThat(a.segments()).isNotEmpty();
        for (EmotionReading s : a.segments()) {
            TextSpan span = s.span().textSpan().orElseThrow();
            assertThat(span.end()).isLessThanOrEqualTo(text.length());
        }
    }

    @Test
    void emojiAreReadAsWhatTheyMean() {
        TextAnalysis a = extractor.analyze("😡😡😡");
        assertThat(a.overall().dominant()).isEqualTo(EmotionCategory.ANGER);
        assertThat(a.overall().span().textSpan().orElseThrow()).isEqualTo(new TextSpan(0, 6));
        assertThat(extractor.analyze("😭😭").overall().dominant()).isEqualTo(EmotionCategory.SADNESS);
    }

    @Test
    void textInALanguageTheModelDoesNotReadIsFlaggedWithALowConfidence() {
        List<TextAnalysis> r = extractor.analyzeAll(List.of("Je suis tellement heureux aujourd'hui !", "今日はとても嬉しいです。",
                "The train was late again and I am furious."));
        assertThat(r.get(0).language()).isEqualTo("fr");
        assertThat(r.get(1).language()).isEqualTo("ja");
        for (TextAnalysis a : r.subList(0, 2)) {
            assertThat(a.languageSupported()).isFalse();
            assertThat(a.overall().confidence()).isLessThanOrEqualTo(TransformerTextExtractor.UNSUPPORTED_LANGUAGE_FACTOR);
            assertThat(a.segments()).allSatisfy(s -> assertThat(s.confidence()).isLessThanOrEqualTo(0.1f));
        }
        assertThat(r.get(2).language()).isEqualTo("en");
        assertThat(r.get(2).languageSupported()).isTrue();
        // not cut to a tenth (the default's confidence is cautious, but not that low)
        assertThat(r.get(2).overall().confidence()).isGreaterThan(2 * TransformerTextExtractor.UNSUPPORTED_LANGUAGE_FACTOR);
    }

    @Test
    void withSentenceSegmentsEachSentenceOfAShortTextGetsItsOwnReading() {
        String text = "I love this phone. But after one day it broke and I am furious.";
        try (TextEmotionExtractor sentences = new GoEmotionsMiniLmProvider().create(
                ExtractorOptions.builder().batchSize(8).option(GoEmotionsMiniLmProvider.SEGMENTS, "sentences").build())) {
            TextAnalysis a = sentences.analyze(text);
            assertThat(a.segments()).hasSize(2);
            assertThat(a.segments().get(0).span().textSpan().orElseThrow()).isEqualTo(new TextSpan(0, 18));
            assertThat(a.segments().get(1).span().textSpan().orElseThrow()).isEqualTo(new TextSpan(19, text.length()));
            assertThat(a.segments().get(0).dominant()).isEqualTo(EmotionCategory.HAPPINESS);
            assertThat(a.segments().get(1).dominant()).isNotEqualTo(EmotionCategory.HAPPINESS);
            // the overall reading is still the whole text's, as without sentence segments
            TextAnalysis whole = extractor.analyze(text);
            assertThat(whole.segments()).hasSize(1);
            assertThat(a.overall().vector()).containsExactly(whole.overall().vector(), org.assertj.core.data.Offset.offset(1e-5f));
            assertThat(a.overall().confidence()).isEqualTo(whole.overall().confidence());
            // a one-sentence text stays one segment
            assertThat(sentences.analyze("I love this phone.").segments()).hasSize(1);
            // spans of sentences after emoji point into the caller's text
            String withEmoji = "😡😡 This is awful. I want my money back!";
            TextAnalysis e = sentences.analyze(withEmoji);
            TextSpan last = e.segments().get(e.segments().size() - 1).span().textSpan().orElseThrow();
            assertThat(withEmoji.substring(last.start(), last.end())).isEqualTo("I want my money back!");
        }
    }

    @Test
    void longTextIsReadSentenceBySentenceWithCharacterSpans() {
        String happy = "I am so happy for you and your wonderful family, congratulations on the new baby!";
        String sad = "But I am also very sad that my old dog passed away this morning and I miss him terribly.";
        String angry = "And honestly I am furious at the airline that lost my luggage again, this is outrageous!";
        StringBuilder sb = new StringBuilder("😀 ");
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            for (String s : List.of(happy, sad, angry)) {
                sentences.add(s);
                sb.append(s).append(i % 2 == 0 ? "  " : "\n");
            }
        }
        String text = sb.toString();
        TextAnalysis a = extractor.analyze(text);
        assertThat(a.segments()).hasSizeGreaterThanOrEqualTo(sentences.size());
        List<String> read = a.segments().stream().map(s -> {
            TextSpan span = s.span().textSpan().orElseThrow();
            return text.substring(span.start(), span.end());
        }).toList();
        assertThat(read).containsAll(sentences);
        for (EmotionReading s : a.segments()) {
            TextSpan span = s.span().textSpan().orElseThrow();
            String sentence = text.substring(span.start(), span.end());
            if (sentence.equals(happy)) {
                assertThat(s.dominant()).isEqualTo(EmotionCategory.HAPPINESS);
            } else if (sentence.equals(sad)) {
                assertThat(s.dominant()).isEqualTo(EmotionCategory.SADNESS);
            } else if (sentence.equals(angry)) {
                assertThat(s.dominant()).isEqualTo(EmotionCategory.ANGER);
            }
        }
        EmotionReading overall = a.overall();
        assertThat(overall.span().textSpan().orElseThrow()).isEqualTo(new TextSpan(0, text.length()));
        // the aggregate holds all three moods
        for (EmotionCategory c : List.of(EmotionCategory.HAPPINESS, EmotionCategory.SADNESS, EmotionCategory.ANGER)) {
            assertThat(overall.spectrum().probability(c)).as(c.key()).isGreaterThan(0.05f);
        }
    }

    @Test
    void aLongLineWithoutSentenceBreaksIsReadInOverlappingWindows() {
        String text = line(20_000);
        TextAnalysis a = extractor.analyze(text);
        assertThat(a.segments()).hasSize(1); // one sentence, scored over ~50 windows
        assertThat(a.overall().span().textSpan().orElseThrow().end()).isEqualTo(text.stripTrailing().length());
        assertThat(a.overall().confidence()).isBetween(0f, 1f);
    }

    @Test
    void aRepetitiveLongLineScoresEachDistinctWindowOnce() {
        String text = "ha ".repeat(40_000);
        TextAnalysis a = extractor.analyze(text);
        assertThat(a.overall().span().textSpan().orElseThrow().end()).isEqualTo(text.stripTrailing().length());
        assertThat(a.overall().confidence()).isBetween(0f, 1f);
    }

    @Test
    void aLineOverTheLimitIsAClearErrorAndTheExtractorGoesOn() {
        String text = line(1_000_001);
        assertThatThrownBy(() -> extractor.analyze(text))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("maxChars").hasMessageContaining("split it");
        assertThat(extractor.analyze("I love this!").overall().dominant()).isEqualTo(EmotionCategory.HAPPINESS);
    }

    private static String line(int chars) {
        String words = "this line goes on and on without any full stop and I am getting a little tired of it ";
        StringBuilder sb = new StringBuilder(chars + words.length());
        while (sb.length() < chars) {
            sb.append(words);
        }
        return sb.toString();
    }

    @Test
    void batchedResultsEqualOneByOneResultsInInputOrder() {
        List<String> texts = List.of("I am so happy today!", "This is disgusting.", "ok",
                "Why would anyone do that? I really don't understand what happened here at all.",
                "I'm scared of the dark.", "thanks!!");
        List<TextAnalysis> batched = extractor.analyzeAll(texts);
        assertThat(batched).hasSameSizeAs(texts);
        for (int i = 0; i < texts.size(); i++) {
            EmotionReading one = extractor.analyze(texts.get(i)).overall();
            EmotionReading inBatch = batched.get(i).overall();
            // Padding is masked out, so a text's company in a batch changes nothing but rounding.
            float[] a = one.modelScores().scores();
            float[] b = inBatch.modelScores().scores();
            for (int k = 0; k < a.length; k++) {
                assertThat(b[k]).as("text %d label %d", i, k).isCloseTo(a[k], org.assertj.core.data.Offset.offset(1e-4f));
            }
            assertThat(inBatch.dominant()).isEqualTo(one.dominant());
            assertThat(inBatch.span()).isEqualTo(one.span());
        }
    }

    @Test
    void mixedLengthsSplitIntoSeveralParallelBatchesKeepTheirOrderAndResults() {
        // Lengths from 2 to a few hundred tokens: several length buckets (and two windows for the
        // longest text), scored side by side, must come back in input order with the results of
        // each text alone.
        List<String> texts = new ArrayList<>();
        String[] sentences = {"I am so happy today!", "This is disgusting.", "I'm scared of the dark.", "My dog died last week.",
                "Stop yelling at me, you idiot!", "Wait, what? No way!"};
        for (int i = 0; i < 20; i++) {
            StringBuilder t = new StringBuilder();
            for (int k = 0; k <= (i * 7) % 23; k++) {
                t.append(sentences[(i + k) % sentences.length]).append(' ');
            }
            texts.add(i % 5 == 4 ? "ok" : t.toString().strip());
        }
        List<TextAnalysis> batched = extractor.analyzeAll(texts);
        assertThat(batched).hasSameSizeAs(texts);
        for (int i = 0; i < texts.size(); i++) {
            TextAnalysis one = extractor.analyze(texts.get(i));
            float[] a = one.overall().modelScores().scores();
            float[] b = batched.get(i).overall().modelScores().scores();
            for (int k = 0; k < a.length; k++) {
                assertThat(b[k]).as("text %d label %d", i, k).isCloseTo(a[k], org.assertj.core.data.Offset.offset(1e-4f));
            }
            assertThat(batched.get(i).overall().span()).isEqualTo(one.overall().span());
            assertThat(batched.get(i).segments()).hasSameSizeAs(one.segments());
        }
    }

    @Test
    void concurrentCallersGetTheSequentialResults() throws Exception {
        List<String> texts = List.of("I am so happy today!", "This is disgusting.", "I'm terrified.",
                "My cat died.", "Stop yelling at me, you idiot!", "Wait, what? No way!", "The train leaves at nine.");
        List<TextAnalysis> expected = extractor.analyzeAll(texts);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<TextAnalysis>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> extractor.analyzeAll(texts)));
            }
            for (Future<List<TextAnalysis>> f : futures) {
                List<TextAnalysis> got = f.get();
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(got.get(i).overall().modelScores()).isEqualTo(expected.get(i).overall().modelScores());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
