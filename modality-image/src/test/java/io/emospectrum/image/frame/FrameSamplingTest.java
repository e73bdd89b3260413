package io.emospectrum.image.frame;

import io.emospectrum.error.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameSamplingTest {

    private static int kept(FrameSampling s, double fps, int frames) {
        FrameSampling.Sampler sampler = s.newSampler();
        int n = 0;
        for (int i = 0; i < frames; i++) {
            if (sampler.keep(i / fps)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void everyFrameEveryNthAndTargetRate() {
        assertThat(kept(FrameSampling.everyFrame(), 30, 90)).isEqualTo(90);
        assertThat(kept(FrameSampling.everyNth(4), 30, 90)).isEqualTo(23);
        assertThat(kept(FrameSampling.targetFps(10), 30, 90)).isEqualTo(30);
        assertThat(kept(FrameSampling.targetFps(12), 25, 250)).isBetween(119, 121);
        // A target above the source rate keeps every frame, no more.
        assertThat(kept(FrameSampling.targetFps(60), 30, 90)).isEqualTo(90);
    }

    @Test
    void aGapInTimestampsDoesNotCauseABurst() {
        FrameSampling.Sampler s = FrameSampling.targetFps(10).newSampler();
        assertThat(s.keep(0)).isTrue();
        assertThat(s.keep(5.0)).isTrue();
        assertThat(s.keep(5.033)).isFalse();
        assertThat(s.keep(5.1)).isTrue();
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> FrameSampling.everyNth(0)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> FrameSampling.targetFps(0)).isInstanceOf(ConfigurationException.class);
    }
}
