package io.emospectrum.audio;

import io.emospectrum.audio.io.AudioFiles;
import io.emospectrum.conformance.VoiceExtractorConformanceKit;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.VoiceEmotionExtractor;

import java.util.Arrays;

/** The SDK's voice conformance kit against the bundled model, on held-out RAVDESS speech. */
class GruVoiceExtractorConformanceTest extends VoiceExtractorConformanceKit {

    @Override
    protected VoiceEmotionExtractor createExtractor() {
        return new GruVoiceProvider().create(ExtractorOptions.defaults());
    }

    @Override
    protected AudioBuffer speech() {
        float[] out = new float[0];
        int rate = 0;
        for (var clip : TestAudio.heldOut(17, java.util.Set.of()).subList(0, 3)) { // three clips of actors 19-20: ~7 s
            AudioBuffer b = AudioFiles.read(clip);
            rate = b.sampleRate();
            float[] x = b.mono();
            int at = out.length;
            out = Arrays.copyOf(out, at + x.length);
            System.arraycopy(x, 0, out, at, x.length);
        }
        return AudioBuffer.of(out, 1, rate);
    }
}
