package io.emospectrum.text;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.spi.TextExtractorProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GoEmotionsMiniLmProviderTest {
    private static TextEmotionExtractor extractor;

    @BeforeAll
    static void load() {
        extractor = ProviderRegistry.text().select(GoEmotionsMiniLmProvider.NAME).create(ExtractorOptions.defaults());
    }

    @AfterAll
    static void close() {
        extractor.close();
    }

    @Test
    void isFoundThroughServiceLoaderAsTheDefault() {
        ProviderRegistry<TextExtractorProvider> registry = ProviderRegistry.text();
        assertThat(registry.names()).contains(GoEmotionsMiniLmProvider.NAME);
        assertThat(registry.select(null).name()).isEqualTo(GoEmotionsMiniLmProvider.NAME);
    }

    @Test
    void rejectsUnknownAndOutOfRangeProperties() {
        TextExtractorProvider p = new GoEmotionsMiniLmProvider();
        assertThatThrownBy(() -> p.create(ExtractorOptions.builder().property("maxTokenz", "64").build()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("maxTokenz").hasMessageContaining("max-tokens");
        assertThatThrownBy(() -> p.create(ExtractorOptions.builder().property("max-tokens", "4").build()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("max-tokens").hasMessageContaining("[16, 512]");
        // the old spelling is a deprecated alias, still checked
        assertThatThrownBy(() -> p.create(ExtractorOptions.builder().property("maxTokens", "4").build()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("maxTokens");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "I am so happy today!|HAPPINESS",
            "Thank you so much, this made my day, I love it!|HAPPINESS",
            "This is disgusting, it makes me sick.|DISGUST",
            "I'm really scared, I think someone is following me.|FEAR",
            "My grandmother died last night and I miss her so much.|SADNESS",
            "I am so angry at you, stop lying to me!|ANGER",
            "Wow, I did not expect that at all!|SURPRISE",
            "The meeting is on Tuesday at the second floor office.|NEUTRAL"})
    void readsTheExpressedEmotion(String text, EmotionCategory expected) {
        EmotionReading r = extractor.analyze(text).overall();
        assertThat(r.dominant()).as("%s -> %s", text, r.spectrum()).isEqualTo(expected);
    }

    @Test
    void readingCarriesTheSpectrumTheModelScoresAndItsOrigin() {
        EmotionReading r = extractor.analyze("I am so happy today!").overall();
        float[] v = r.vector();
        assertThat(v).hasSize(Spectrum.VECTOR_LENGTH);
        double sum = 0;
        for (int i = 0; i < EmotionCategory.COUNT; i++) {
            sum += v[i];
        }
        assertThat(sum).isCloseTo(1.0, within(1e-4));
        assertThat(r.spectrum().valence()).as("joy is pleasant").isPositive();
        assertThat(r.modality()).isEqualTo(Modality.TEXT);
        assertThat(r.model().name()).isEqualTo("corpora-minilm-int8");
        assertThat(r.device()).isEqualTo(extractor.device());
        assertThat(r.modelScores().size()).isEqualTo(28);
        assertThat(r.modelScores().score("joy")).isGreaterThan(r.modelScores().score("grief"));
        assertThat(r.span().textSpan()).hasValueSatisfying(s -> assertThat(s.end()).isEqualTo("I am so happy today!".length()));
    }

    @Test
    void theFp32VariantReadsTheSameClearCasesWithItsOwnThresholds() {
        try (TextEmotionExtractor fp32 = new GoEmotionsMiniLmProvider().create(ExtractorOptions.builder().property("variant", "fp32").build())) {
            assertThat(fp32.model().name()).isEqualTo("goemotions-minilm");
            assertThat(fp32.analyze("I am so happy today!").overall().dominant()).isEqualTo(EmotionCategory.HAPPINESS);
            assertThat(fp32.analyze("I am so angry at you, stop lying to me!").overall().dominant()).isEqualTo(EmotionCategory.ANGER);
            assertThat(fp32.analyze("My grandmother died last night and I miss her so much.").overall().dominant())
                    .isEqualTo(EmotionCategory.SADNESS);
        }
        assertThatThrownBy(() -> new GoEmotionsMiniLmProvider().create(ExtractorOptions.builder().property("variant", "fp16").build()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("int8");
    }

    @Test
    void shortTextGetsLessConfidenceThanAClearSentence() {
        float shortText = extractor.analyze("ok").overall().confidence();
        float sentence = extractor.analyze("I am so incredibly happy and grateful for all of your help today!").overall().confidence();
        assertThat(shortText).isLessThan(sentence);
        assertThat(sentence).isBetween(0f, 1f);
    }
}
