package io.emospectrum.text;

import io.emospectrum.conformance.TextExtractorConformanceKit;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.TextEmotionExtractor;

/** The bundled provider against the SDK's text conformance kit. */
class GoEmotionsMiniLmConformanceTest extends TextExtractorConformanceKit {

    @Override
    protected TextEmotionExtractor createExtractor() {
        return new GoEmotionsMiniLmProvider().create(ExtractorOptions.defaults());
    }
}
