package io.emospectrum.testing;

import io.emospectrum.spi.VoiceEmotionExtractor;
import io.emospectrum.spi.VoiceExtractorProvider;
import io.emospectrum.spi.ExtractorOptions;

/** Test provider of {@link LoudnessVoiceExtractor}, named {@code loudness-test}. */
public class LoudnessVoiceProvider implements VoiceExtractorProvider {
    @Override
    public String name() {
        return "loudness-test";
    }

    @Override
    public int rank() {
        return -100;
    }

    @Override
    public VoiceEmotionExtractor create(ExtractorOptions options) {
        options.parse(name(), supportedOptions());
        return new LoudnessVoiceExtractor();
    }
}
