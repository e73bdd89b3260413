package io.emospectrum.image;

import io.emospectrum.conformance.FaceExtractorConformanceKit;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.ProviderRegistry;
import org.junit.jupiter.api.Nested;

/** The SDK's face conformance kit, with each detector. */
class MiniXceptionConformanceTest {

    @Nested
    class WithBlazeFace extends FaceExtractorConformanceKit {
        @Override
        protected FaceEmotionExtractor createExtractor() {
            return ProviderRegistry.face().select(MiniXceptionFaceProvider.NAME).create(ExtractorOptions.defaults());
        }

        @Override
        protected ImageFrame imageWithOneFace() {
            return TestImages.decode(TestImages.astronaut());
        }
    }

    @Nested
    class WithCascade extends FaceExtractorConformanceKit {
        @Override
        protected FaceEmotionExtractor createExtractor() {
            return ProviderRegistry.face().select(MiniXceptionFaceProvider.NAME)
                    .create(ExtractorOptions.builder().property("detector", "cascade").build());
        }

        @Override
        protected ImageFrame imageWithOneFace() {
            return TestImages.decode(TestImages.astronaut());
        }
    }
}
