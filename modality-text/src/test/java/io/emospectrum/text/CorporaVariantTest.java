package io.emospectrum.text;

import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code variant=corpora}: the seven-category softmax head trained on five corpora. */
class CorporaVariantTest {

    @Test
    void readsTheSevenCategoriesDirectlyWithCalibratedConfidence() {
        try (TextEmotionExtractor x = new GoEmotionsMiniLmProvider().create(
                ExtractorOptions.builder().property("variant", TextModels.CORPORA_VARIANT).build())) {
            assertThat(x.model().name()).isEqualTo("corpora-minilm-int8");
            List<TextAnalysis> r = x.analyzeAll(List.of("I am so happy today, this is wonderful news!",
                    "I am terrified that something bad will happen to my family.",
                    "My grandmother died last night and I cannot stop crying.",
                    "Je suis tellement heureux aujourd'hui !"));
            EmotionReading happy = r.get(0).overall();
            assertThat(happy.modelScores().labels()).containsExactlyElementsOf(
                    EmotionCategory.ordered().stream().map(EmotionCategory::key).toList());
            assertThat(happy.dominant()).isEqualTo(EmotionCategory.HAPPINESS);
            assertThat(r.get(1).overall().dominant()).isEqualTo(EmotionCategory.FEAR);
            assertThat(r.get(2).overall().dominant()).isEqualTo(EmotionCategory.SADNESS);
            // the model's own scores are the (uncalibrated) softmax; the spectrum is its calibrated form
            assertThat(happy.modelScores().score("happiness")).isNotEqualTo(happy.spectrum().probability(EmotionCategory.HAPPINESS));
            assertThat(happy.confidence()).isEqualTo(happy.spectrum().probability(EmotionCategory.HAPPINESS)).isLessThan(1f);
            assertThat(r.get(3).languageSupported()).isFalse();
        }
    }
}
