package io.emospectrum.testing;

import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.spi.TextExtractorProvider;

/** Test provider of {@link KeywordTextExtractor}, named {@code keyword-test}. */
public class KeywordTextProvider implements TextExtractorProvider {
    @Override
    public String name() {
        return "keyword-test";
    }

    @Override
    public int rank() {
        return -100;
    }

    @Override
    public TextEmotionExtractor create(ExtractorOptions options) {
        options.parse(name(), supportedOptions());
        return new KeywordTextExtractor();
    }
}
