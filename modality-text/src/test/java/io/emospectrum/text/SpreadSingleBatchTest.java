package io.emospectrum.text;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * With {@code spread-single-batch=true}, a call with one encoder batch is spread over the cores by a
 * second encoder session: its readings must be those of the one-core path (the default).
 */
class SpreadSingleBatchTest {
    private static final List<String> TEXTS = List.of(
            "I am so happy today!",
            "The train was late again and I am furious.",
            "My grandmother died last night and I miss her so much.",
            "😡😡😡",
            "lol",
            "Wow, I did not expect that at all! Thank you so much, this made my day, I love it, honestly the best gift "
                    + "anyone has given me in years and I will never forget it.");
    private static TransformerTextExtractor spread;
    private static TransformerTextExtractor oneCore;

    @BeforeAll
    static void load() {
        // two threads whatever the machine has, so that the spread path exists on a one-core runner too
        spread = (TransformerTextExtractor) new GoEmotionsMiniLmProvider().create(options("true"));
        oneCore = (TransformerTextExtractor) new GoEmotionsMiniLmProvider().create(options("false"));
    }

    private static ExtractorOptions options(String spreadSingleBatch) {
        return ExtractorOptions.builder().property("threads", "2").property("spread-single-batch", spreadSingleBatch)
                .property("chinese", "off").build();
    }

    @AfterAll
    static void close() {
        spread.close();
        oneCore.close();
    }

    @Test
    void oneBatchIsSpreadOnlyWhereAsked() {
        assertThat(spread.singleBatchThreads()).isEqualTo(2);
        assertThat(oneCore.singleBatchThreads()).isEqualTo(1);
    }

    @Test
    void aSpreadBatchReadsAsTheOneCorePathWithin1e4() {
        for (String text : TEXTS) {
            assertSame(text, spread.analyze(text), oneCore.analyze(text));
        }
        // a call of several texts that still make one batch takes the spread path too
        List<TextAnalysis> a = spread.analyzeAll(TEXTS);
        List<TextAnalysis> b = oneCore.analyzeAll(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertSame(TEXTS.get(i), a.get(i), b.get(i));
        }
    }

    @Test
    void threadsIsAValidatedOption() {
        assertThatThrownBy(() -> new GoEmotionsMiniLmProvider().create(ExtractorOptions.builder().property("threads", "0").build()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("threads");
        assertThatThrownBy(() -> new GoEmotionsMiniLmProvider().create(ExtractorOptions.builder().property("spread-single-batch", "yes").build()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("spread-single-batch");
        try (TextEmotionExtractor one = new GoEmotionsMiniLmProvider().create(ExtractorOptions.builder().property("threads", "1")
                .property("spread-single-batch", "true").property("chinese", "off").build())) {
            assertThat(((TransformerTextExtractor) one).singleBatchThreads()).as("one thread: no second session").isEqualTo(1);
            assertSame(TEXTS.get(1), one.analyze(TEXTS.get(1)), spread.analyze(TEXTS.get(1)));
        }
    }

    private static void assertSame(String text, TextAnalysis a, TextAnalysis b) {
        assertThat(a.segments()).hasSameSizeAs(b.segments());
        assertReading(text, a.overall(), b.overall());
        for (int s = 0; s < a.segments().size(); s++) {
            assertReading(text, a.segments().get(s), b.segments().get(s));
        }
    }

    private static void assertReading(String text, EmotionReading a, EmotionReading b) {
        float[] va = a.vector();
        float[] vb = b.vector();
        for (int i = 0; i < va.length; i++) {
            assertThat(va[i]).as("%s, spectrum value %d", text, i).isCloseTo(vb[i], within(1e-4f));
        }
        assertThat(a.confidence()).as("%s, confidence", text).isCloseTo(b.confidence(), within(1e-4f));
        float[] la = a.modelScores().scores();
        float[] lb = b.modelScores().scores();
        assertThat(la).hasSameSizeAs(lb);
        for (int i = 0; i < la.length; i++) {
            assertThat(la[i]).as("%s, label %d", text, i).isCloseTo(lb[i], within(1e-4f));
        }
    }
}
