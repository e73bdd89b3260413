package io.emospectrum.audio.features;

import io.emospectrum.audio.TestAudio;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FrameFeatureExtractorTest {
    private final FeatureConfig config = FeatureConfig.DEFAULT;

    @Test
    void findsThePitchAndLevelOfAVowelLikeTone() {
        float[] x = TestAudio.sine(200, 1.0, 16_000, 0.5);
        List<FrameFeatures> frames = new ArrayList<>();
        new FrameFeatureExtractor(config, frames::add).accept(x);

        assertThat(frames).hasSize((16_000 - config.frameSize()) / config.hop() + 1);
        FrameFeatures mid = frames.get(frames.size() / 2);
        assertThat(mid.logPitch()).isCloseTo(1f, within(0.02f)); // 200 Hz is one octave above 100 Hz
        assertThat(mid.voicing()).isGreaterThan(0.8f);
        assertThat(mid.energyDb()).isCloseTo((float) (20 * Math.log10(0.5 / Math.sqrt(2))), within(0.5f));
        assertThat(mid.clipped()).isZero();
    }

    @Test
    void silenceIsUnvoicedAndAtTheFloor() {
        List<FrameFeatures> frames = new ArrayList<>();
        new FrameFeatureExtractor(config, frames::add).accept(new float[16_000]);
        assertThat(frames).allSatisfy(f -> {
            assertThat(f.voicing()).isZero();
            assertThat(f.energyDb()).isLessThan(VoiceActivity.ABSOLUTE_DB);
        });
        assertThat(VoiceActivity.of(frames).hasSpeech()).isFalse();
    }

    @Test
    void chunkedInputGivesTheSameFramesAsOneShot() {
        float[] x = TestAudio.sine(150, 0.7, 16_000, 0.3);
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (0.05 * Math.sin(i * 0.9));
        }
        List<FrameFeatures> one = new ArrayList<>();
        new FrameFeatureExtractor(config, one::add).accept(x);
        List<FrameFeatures> chunked = new ArrayList<>();
        FrameFeatureExtractor e = new FrameFeatureExtractor(config, chunked::add);
        for (int i = 0; i < x.length; i += 333) {
            e.accept(java.util.Arrays.copyOfRange(x, i, Math.min(x.length, i + 333)));
        }
        assertThat(chunked).hasSameSizeAs(one);
        for (int i = 0; i < one.size(); i++) {
            assertThat(chunked.get(i).mfcc()).containsExactly(one.get(i).mfcc(), within(1e-4f));
            assertThat(chunked.get(i).energyDb()).isCloseTo(one.get(i).energyDb(), within(1e-4f));
        }
    }

    @Test
    void aSteadyToneIsLessTrustedThanAModulatedGlidingSound() {
        float[] steady = TestAudio.sine(220, 2.0, 16_000, 0.5);
        // A voice: the level rises and falls with syllables (4 Hz) and the pitch glides (180-260 Hz).
        float[] syllables = new float[32_000];
        double phase = 0;
        for (int i = 0; i < syllables.length; i++) {
            double hz = 220 + 40 * Math.sin(2 * Math.PI * 1.5 * i / 16_000.0);
            phase += 2 * Math.PI * hz / 16_000.0;
            syllables[i] = (float) (0.5 * Math.sin(phase) * (0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * i / 16_000.0)));
        }
        assertThat(activity(steady).reliability()).isLessThan(0.1f);
        assertThat(activity(syllables).reliability()).isGreaterThan(0.8f);
    }

    @Test
    void clippingLowersReliability() {
        float[] x = TestAudio.sine(220, 2.0, 16_000, 4.0);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(-1f, Math.min(1f, x[i] * (float) (0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * i / 16_000.0))));
        }
        VoiceActivity a = activity(x);
        assertThat(a.clippedFraction()).isGreaterThan(0.2f);
        assertThat(a.reliability()).isZero();
    }

    private VoiceActivity activity(float[] x) {
        List<FrameFeatures> frames = new ArrayList<>();
        new FrameFeatureExtractor(config, frames::add).accept(x);
        return VoiceActivity.of(frames);
    }
}
