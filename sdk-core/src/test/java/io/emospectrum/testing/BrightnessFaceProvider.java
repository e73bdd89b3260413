package io.emospectrum.testing;

import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.FaceExtractorProvider;
import io.emospectrum.spi.ExtractorOptions;

/** Test provider of {@link BrightnessFaceExtractor}, named {@code brightness-test}. */
public class BrightnessFaceProvider implements FaceExtractorProvider {
    @Override
    public String name() {
        return "brightness-test";
    }

    @Override
    public int rank() {
        return -100;
    }

    @Override
    public FaceEmotionExtractor create(ExtractorOptions options) {
        options.parse(name(), supportedOptions());
        return new BrightnessFaceExtractor();
    }
}
