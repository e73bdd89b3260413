package io.emospectrum.audio.features;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WindowFeaturesTest {
    private final FeatureConfig config = FeatureConfig.DEFAULT;
    private final int pitch = config.mfccCount() - 1 + 2;

    @Test
    void relativePitchReadsTheSameMelodyInALowAndAHighVoiceAlike() {
        // The same rising glide (+50% over a second) an octave apart: absolute pitch differs by one octave.
        float[][] low = WindowFeatures.build(config, frames(glide(110)), false, true, null, null);
        float[][] high = WindowFeatures.build(config, frames(glide(220)), false, true, null, null);
        float[][] lowAbsolute = WindowFeatures.build(config, frames(glide(110)), false, false, null, null);
        float[][] highAbsolute = WindowFeatures.build(config, frames(glide(220)), false, false, null, null);

        int mid = low.length / 2;
        assertThat(highAbsolute[mid][pitch] - lowAbsolute[mid][pitch]).isCloseTo(1f, within(0.05f));
        assertThat(Math.abs(low[mid][pitch])).as("the window's median voiced pitch is the zero").isLessThan(0.05f);
        for (int t = 2; t < low.length - 2; t++) {
            assertThat(high[t][pitch]).isCloseTo(low[t][pitch], within(0.05f));
        }
        assertThat(low[low.length - 3][pitch]).as("the glide still rises").isGreaterThan(low[2][pitch] + 0.3f);
    }

    @Test
    void relativePitchLeavesUnvoicedFramesAtZero() {
        float[] x = new float[32_000];
        System.arraycopy(glide(150), 0, x, 0, 16_000); // a second of voice, then a second of silence
        float[][] w = WindowFeatures.build(config, frames(x), false, true, null, null);
        assertThat(w[w.length - 5][pitch]).isZero();
    }

    /** A tone gliding from {@code startHz} up by half over one second. */
    private static float[] glide(double startHz) {
        float[] x = new float[16_000];
        double phase = 0;
        for (int i = 0; i < x.length; i++) {
            double hz = startHz * Math.pow(1.5, i / 16_000.0);
            phase += 2 * Math.PI * hz / 16_000;
            x[i] = (float) (0.5 * Math.sin(phase));
        }
        return x;
    }

    private List<FrameFeatures> frames(float[] x) {
        List<FrameFeatures> frames = new ArrayList<>();
        new FrameFeatureExtractor(config, frames::add).accept(x);
        return frames;
    }
}
