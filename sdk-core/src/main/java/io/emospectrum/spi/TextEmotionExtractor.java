package io.emospectrum.spi;

import io.emospectrum.spectrum.Modality;

import java.util.ArrayList;
import java.util.List;

/** Reads expressed emotion from text. */
public interface TextEmotionExtractor extends EmotionExtractor {

    /**
     * @throws io.emospectrum.error.InvalidInputException for text with nothing to read (empty,
     *         whitespace or control characters only)
     */
    TextAnalysis analyze(String text);

    /**
     * Analyzes many texts, batched for throughput; results in input order. The default analyzes
     * one at a time; implementations batch.
     */
    default List<TextAnalysis> analyzeAll(List<String> texts) {
        List<TextAnalysis> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(analyze(t));
        }
        return out;
    }

    @Override
    default Modality modality() {
        return Modality.TEXT;
    }
}
