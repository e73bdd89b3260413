package io.emospectrum.text;

import io.emospectrum.conformance.TextExtractorConformanceKit;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.TextEmotionExtractor;

import java.util.Map;

/** The Chinese model on its own (as the provider routes Chinese text to it) against the SDK's text conformance kit. */
class ChineseConformanceTest extends TextExtractorConformanceKit {

    @Override
    protected TextEmotionExtractor createExtractor() {
        return TextModels.chinese(ExtractorOptions.defaults(), ModelFiles.defaultCache(), null, null,
                GoEmotionsMiniLmProvider.DEFAULT_MAX_CHARS, TransformerTextExtractor.Segmentation.WINDOWS);
    }

    @Override
    protected Map<String, EmotionCategory> clearCases() {
        return Map.of(
                "今天真是太开心了，谢谢大家的祝福！", EmotionCategory.HAPPINESS,
                "气死我了，这种人简直太无耻了！", EmotionCategory.ANGER,
                "她走了以后我每天都很难过，一直在哭。", EmotionCategory.SADNESS);
    }
}
