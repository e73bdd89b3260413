package io.emospectrum.conformance;

import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.testing.KeywordTextExtractor;

import java.util.Map;

/** Runs the text kit against the test extractor, so the kit itself is known to pass and fail right. */
class KeywordTextExtractorConformanceTest extends TextExtractorConformanceKit {
    @Override
    protected TextEmotionExtractor createExtractor() {
        return new KeywordTextExtractor();
    }

    @Override
    protected Map<String, EmotionCategory> clearCases() {
        return Map.of("I am happy, so happy.", EmotionCategory.HAPPINESS,
                "That was disgusting.", EmotionCategory.DISGUST);
    }
}
