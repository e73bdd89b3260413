package io.emospectrum.text;

import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.VadAnchors;
import io.emospectrum.spectrum.VadPoint;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Valence and arousal: the EmoBank head where a model ships one, the anchors of the categories where it does not. */
class ValenceArousalTest {
    private static final List<String> TEXTS = List.of(
            "I love this.",
            "I hate this.",
            "What a wonderful, beautiful morning with my family.",
            "My dog died and I feel empty.",
            "I sat quietly by the window and read my book.",
            "Run! The building is on fire, get out now!!!");

    @Test
    void aModelWithTheHeadReportsItsOwnDimensions() {
        try (TextEmotionExtractor x = new GoEmotionsMiniLmProvider().create(ExtractorOptions.defaults())) {
            List<TextAnalysis> r = x.analyzeAll(TEXTS);
            Spectrum love = r.get(0).overall().spectrum();
            Spectrum hate = r.get(1).overall().spectrum();
            assertThat(love.valence()).isGreaterThan(hate.valence());
            assertThat(r.get(2).overall().spectrum().valence()).isGreaterThan(r.get(3).overall().spectrum().valence());
            assertThat(r.get(5).overall().spectrum().arousal()).isGreaterThan(r.get(4).overall().spectrum().arousal());
            // its own values, not the anchors of its categories
            int differ = 0;
            for (TextAnalysis a : r) {
                Spectrum s = a.overall().spectrum();
                VadPoint anchored = VadAnchors.NRC_VAD_2018.project(s.probabilities());
                if (Math.abs(anchored.valence() - s.valence()) > 1e-3 || Math.abs(anchored.arousal() - s.arousal()) > 1e-3) {
                    differ++;
                }
                assertThat(s.valence()).isBetween(-1f, 1f);
                assertThat(s.arousal()).isBetween(-1f, 1f);
            }
            assertThat(differ).isEqualTo(TEXTS.size());
        }
    }

    @Test
    void segmentsOfALongTextHaveTheirOwnDimensionsAndTheWholeIsTheirTokenWeightedMean() {
        try (TextEmotionExtractor x = new GoEmotionsMiniLmProvider().create(
                ExtractorOptions.builder().property("segments", "sentences").build())) {
            TextAnalysis a = x.analyze("I love this phone so much. But after one day it broke and I am furious.");
            assertThat(a.segments()).hasSize(2);
            assertThat(a.segments().get(0).spectrum().valence()).isGreaterThan(a.segments().get(1).spectrum().valence());
        }
    }

    @Test
    void aModelWithoutTheHeadKeepsTheAnchors() {
        try (TextEmotionExtractor x = new GoEmotionsMiniLmProvider().create(ExtractorOptions.builder().property("variant", "fp32").build())) {
            for (TextAnalysis a : x.analyzeAll(TEXTS)) {
                EmotionReading o = a.overall();
                VadPoint anchored = VadAnchors.NRC_VAD_2018.project(o.spectrum().probabilities());
                assertThat(o.spectrum().valence()).isCloseTo(anchored.valence(), within(1e-5f));
                assertThat(o.spectrum().arousal()).isCloseTo(anchored.arousal(), within(1e-5f));
            }
        }
    }
}
