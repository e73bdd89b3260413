package io.emospectrum.conformance;

import io.emospectrum.media.ImageFrame;
import io.emospectrum.media.PixelFormat;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.testing.BrightnessFaceExtractor;

import java.util.Arrays;

class BrightnessFaceExtractorConformanceTest extends FaceExtractorConformanceKit {
    @Override
    protected FaceEmotionExtractor createExtractor() {
        return new BrightnessFaceExtractor();
    }

    @Override
    protected ImageFrame imageWithOneFace() {
        byte[] px = new byte[64 * 48 * 3];
        Arrays.fill(px, (byte) 220);
        return ImageFrame.of(64, 48, PixelFormat.RGB24, px);
    }

    @Override
    protected ImageFrame imageWithoutFace() {
        return ImageFrame.of(64, 48, PixelFormat.RGB24, new byte[64 * 48 * 3]);
    }
}
