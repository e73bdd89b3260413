package io.emospectrum.conformance;

import io.emospectrum.media.AudioBuffer;
import io.emospectrum.spi.VoiceEmotionExtractor;
import io.emospectrum.testing.LoudnessVoiceExtractor;

class LoudnessVoiceExtractorConformanceTest extends VoiceExtractorConformanceKit {
    @Override
    protected VoiceEmotionExtractor createExtractor() {
        return new LoudnessVoiceExtractor();
    }

    @Override
    protected AudioBuffer speech() {
        // Not speech, but loud enough in its first half and quiet in its second to exercise both paths.
        float[] s = new float[16_000 * 3];
        for (int i = 0; i < s.length; i++) {
            double amp = i < s.length / 2 ? 0.6 : 0.1;
            s[i] = (float) (amp * Math.sin(2 * Math.PI * 220 * i / 16_000.0));
        }
        return AudioBuffer.of(s, 1, 16_000);
    }
}
