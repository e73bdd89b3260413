package io.emospectrum.text;

import io.emospectrum.error.InvalidOptionException;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextCaution;
import io.emospectrum.spi.TextEmotionExtractor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code variant=corpora}, the default: the GoEmotions head combined with a seven-category head
 * trained on five corpora; {@code variant=permissive}, the model trained on permissively licensed data only.
 */
class CorporaVariantTest {
    private static final List<String> TEXTS = List.of("I am so happy today, this is wonderful news!",
            "I am terrified that something bad will happen to my family.",
            "My grandmother died last night and I cannot stop crying.",
            "Je suis tellement heureux aujourd'hui !",
            "The train was late again and I am furious.");

    @Test
    void theDefaultCombinesBothHeadsAndKeepsTheGoEmotionsLabels() {
        try (TextEmotionExtractor x = new GoEmotionsMiniLmProvider().create(ExtractorOptions.defaults());
             TextEmotionExtractor permissive = new GoEmotionsMiniLmProvider().create(
                     ExtractorOptions.builder().property("variant", TextModels.PERMISSIVE_VARIANT).build())) {
            assertThat(x.model().name()).isEqualTo("corpora-minilm-int8");
            assertThat(permissive.model().name()).isEqualTo("goemotions-minilm-int8");
            List<TextAnalysis> r = x.analyzeAll(TEXTS);
            List<TextAnalysis> p = permissive.analyzeAll(TEXTS);
            EmotionReading happy = r.get(0).overall();
            assertThat(happy.modelScores().size()).isEqualTo(28);
            assertThat(happy.dominant()).isEqualTo(EmotionCategory.HAPPINESS);
            assertThat(r.get(1).overall().dominant()).isEqualTo(EmotionCategory.FEAR);
            assertThat(r.get(2).overall().dominant()).isEqualTo(EmotionCategory.SADNESS);
            assertThat(r.get(4).overall().dominant()).isEqualTo(EmotionCategory.ANGER);
            for (int i = 0; i < TEXTS.size(); i++) {
                // same encoder and GoEmotions head: the model's own label scores are the permissive model's
                assertThat(r.get(i).overall().modelScores().score("joy"))
                        .isCloseTo(p.get(i).overall().modelScores().score("joy"), org.assertj.core.data.Offset.offset(1e-5f));
                // but the spectrum is the combination, not the GoEmotions head's alone
                assertThat(r.get(i).overall().spectrum().probabilities()).isNotEqualTo(p.get(i).overall().spectrum().probabilities());
                EmotionReading o = r.get(i).overall();
                assertThat(o.confidence()).isLessThan(1f);
            }
            assertThat(happy.confidence()).isEqualTo(happy.spectrum().probability(EmotionCategory.HAPPINESS));
            assertThat(r.get(3).languageSupported()).isFalse();
        }
    }

    @Test
    void calibratedConfidenceIsHigherForAClearSentenceThanForGibberishAndNeverAllAtOneEnd() {
        List<String> clear = List.of("Thank you so much, this made my day!", "I am so happy today, this is wonderful news!");
        List<String> gibberish = List.of("xkq zzv plorp wib tronk", "asdf qwer zxcv uiop");
        try (TextEmotionExtractor x = new GoEmotionsMiniLmProvider().create(ExtractorOptions.defaults())) {
            List<Float> surely = x.analyzeAll(clear).stream().map(a -> a.overall().confidence()).toList();
            List<Float> unsure = x.analyzeAll(gibberish).stream().map(a -> a.overall().confidence()).toList();
            assertThat(java.util.Collections.min(surely)).isGreaterThan(java.util.Collections.max(unsure));
            List<Float> all = x.analyzeAll(TEXTS.subList(0, 3)).stream().map(a -> a.overall().confidence()).collect(
                    java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
            all.addAll(surely);
            all.addAll(unsure);
            // calibrated: never certain, never nothing, and spread out (gibberish may also be flagged as another language and cut)
            assertThat(all).allSatisfy(c -> assertThat(c).isGreaterThan(0f).isLessThan(0.99f));
            assertThat(surely).allSatisfy(c -> assertThat(c).isGreaterThan(1f / 7));
            assertThat(java.util.Collections.max(all) - java.util.Collections.min(all)).isGreaterThan(0.1f);
            // only the confidence is calibrated: the dominant category is the ensemble's, whose top probability it now is
            EmotionReading happy = x.analyze(clear.get(1)).overall();
            assertThat(happy.dominant()).isEqualTo(EmotionCategory.HAPPINESS);
            assertThat(happy.confidence()).isEqualTo(happy.spectrum().probability(EmotionCategory.HAPPINESS));
        }
    }

    @Test
    void cautionsNameWhatTheModelReadsPoorlyAndLeaveTheReadingAlone() {
        String sarcasm = "Oh great, another Monday. Just what I needed.";
        try (TextEmotionExtractor x = new GoEmotionsMiniLmProvider().create(ExtractorOptions.defaults())) {
            List<TextAnalysis> r = x.analyzeAll(List.of(sarcasm, "I am not unhappy with the result.", "Are you coming to the party tonight?",
                    "Thank you so much, this made my day!", "Pourquoi est-ce que personne ne m'aide aujourd'hui ?"));
            assertThat(r.get(0).cautions()).containsExactly(TextCaution.IRONY);
            assertThat(r.get(1).cautions()).containsExactly(TextCaution.NEGATION);
            assertThat(r.get(2).cautions()).containsExactly(TextCaution.QUESTION);
            assertThat(r.get(3).cautions()).isEmpty();
            // English cues say nothing of a language the model does not read
            assertThat(r.get(4).languageSupported()).isFalse();
            assertThat(r.get(4).cautions()).isEmpty();
            // the same reading as the text alone: a caution does not move the spectrum
            assertThat(r.get(0).overall().spectrum().probabilities()).isEqualTo(x.analyze(sarcasm).overall().spectrum().probabilities());
        }
    }

    @Test
    void aDomainCalibrationMovesConfidenceNotTheReading() {
        List<String> texts = List.of("I am so happy today, this is wonderful news!", "The train was late again and I am furious.",
                "Je suis tellement heureux aujourd'hui !");
        try (TextEmotionExtractor x = new GoEmotionsMiniLmProvider().create(ExtractorOptions.defaults());
             TextEmotionExtractor lower = new GoEmotionsMiniLmProvider().create(
                     ExtractorOptions.builder().property("domain-calibration", "-1,1").build())) {
            List<TextAnalysis> as = x.analyzeAll(texts);
            List<TextAnalysis> calibrated = lower.analyzeAll(texts);
            for (int i = 0; i < texts.size(); i++) {
                EmotionReading before = as.get(i).overall();
                EmotionReading after = calibrated.get(i).overall();
                assertThat(after.dominant()).isEqualTo(before.dominant());
                assertThat(after.confidence()).isLessThan(before.confidence());
                assertThat(after.spectrum().valence()).isEqualTo(before.spectrum().valence());
                assertThat(calibrated.get(i).language()).isEqualTo(as.get(i).language());
            }
            // a supported text's confidence is its dominant probability, calibrated; French keeps its cut to a tenth
            EmotionReading happy = calibrated.get(0).overall();
            assertThat(happy.confidence()).isEqualTo(happy.spectrum().probability(happy.dominant()));
            assertThat(calibrated.get(2).overall().confidence()).isLessThanOrEqualTo(0.1f * calibrated.get(2).overall().spectrum()
                    .probability(calibrated.get(2).overall().dominant()) + 1e-6f);
        }
        assertThatThrownBy(() -> new GoEmotionsMiniLmProvider().create(ExtractorOptions.builder().property("domain-calibration", "0.5").build()))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("A,B");
    }
}
