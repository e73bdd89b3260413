package io.emospectrum.text.language;

import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LazyTextExtractorTest {

    /** Counts loads and closes; reads every text as anger. */
    private static final class Counting implements TextEmotionExtractor {
        final AtomicInteger closes;

        Counting(AtomicInteger closes) {
            this.closes = closes;
        }

        @Override
        public ModelId model() {
            return new ModelId("counting", "1");
        }

        @Override
        public String device() {
            return "cpu()";
        }

        @Override
        public TextAnalysis analyze(String text) {
            float[] p = new float[EmotionCategory.COUNT];
            p[EmotionCategory.ANGER.ordinal()] = 1f;
            EmotionReading r = EmotionReading.builder().spectrum(Spectrum.of(p, -0.5f, 0.5f)).confidence(0.9f)
                    .modality(io.emospectrum.spectrum.Modality.TEXT).model(model()).build();
            return new TextAnalysis(r, List.of(), "zh", true);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    @Test
    void loadsOnFirstUseOnceAndClosesWhatItLoaded() {
        AtomicInteger loads = new AtomicInteger();
        AtomicInteger closes = new AtomicInteger();
        LazyTextExtractor lazy = new LazyTextExtractor(() -> {
            loads.incrementAndGet();
            return new Counting(closes);
        });
        assertThat(lazy.isLoaded()).isFalse();
        assertThat(lazy.analyze("x").overall().dominant()).isEqualTo(EmotionCategory.ANGER);
        assertThat(lazy.analyzeAll(List.of("a", "b"))).hasSize(2);
        assertThat(loads).hasValue(1);
        lazy.close();
        assertThat(closes).hasValue(1);
        assertThatThrownBy(() -> lazy.analyze("x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void neverUsedMeansNeverLoadedAndNothingToClose() {
        AtomicInteger loads = new AtomicInteger();
        LazyTextExtractor lazy = new LazyTextExtractor(() -> {
            loads.incrementAndGet();
            return new Counting(new AtomicInteger());
        });
        lazy.close();
        assertThat(loads).hasValue(0);
    }

    @Test
    void aFailedLoadIsThrownToTheCallerAndTriedAgainNextTime() {
        AtomicInteger tries = new AtomicInteger();
        LazyTextExtractor lazy = new LazyTextExtractor(() -> {
            if (tries.incrementAndGet() == 1) {
                throw new io.emospectrum.error.ConfigurationException("model files missing");
            }
            return new Counting(new AtomicInteger());
        });
        assertThatThrownBy(() -> lazy.analyze("x")).isInstanceOf(io.emospectrum.error.ConfigurationException.class)
                .hasMessageContaining("missing");
        assertThat(lazy.analyze("x").language()).isEqualTo("zh");
        assertThat(tries).hasValue(2);
    }
}
