package io.emospectrum.tools.fusion;

import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spectrum.Spectrum;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PairedEvaluationTest {

    private static EmotionReading reading(Modality m, EmotionCategory c, float mass) {
        float[] p = new float[EmotionCategory.COUNT];
        Arrays.fill(p, (1 - mass) / (EmotionCategory.COUNT - 1));
        p[c.index()] = mass;
        return EmotionReading.builder().spectrum(Spectrum.of(p, 0f, 0f)).modality(m).model(new ModelId("t", "0")).build();
    }

    private static EmotionCategory shift(EmotionCategory c, int by) {
        return EmotionCategory.ordered().get((c.index() + by) % EmotionCategory.COUNT);
    }

    @Test
    void scoresEachModalityAloneAndFusedAndComparesDisagreement() {
        List<PairedEvaluation.Scored> scored = new ArrayList<>();
        for (int fold = 0; fold < 2; fold++) {
            for (int i = 0; i < 70; i++) {
                EmotionCategory y = EmotionCategory.ordered().get(i % 7);
                // exactly one modality wrong per item: face on 1 of 7 items, voice on 3, text on 3
                int k = i % 7;
                EmotionCategory f = k == 0 ? shift(y, 1) : y;
                EmotionCategory v = k >= 1 && k <= 3 ? shift(y, 2) : y;
                EmotionCategory t = k >= 4 ? shift(y, 3) : y;
                PairedSet.Triple agree = new PairedSet.Triple(fold, Path.of("f"), y, Path.of("v"), y, "t", y);
                scored.add(new PairedEvaluation.Scored(agree, reading(Modality.FACE, f, 0.6f),
                        reading(Modality.VOICE, v, 0.6f), reading(Modality.TEXT, t, 0.6f)));
                PairedSet.Triple disagree = new PairedSet.Triple(fold, Path.of("f"), shift(y, 1), Path.of("v"), y, "t", shift(y, 2));
                scored.add(new PairedEvaluation.Scored(disagree, reading(Modality.FACE, shift(y, 1), 0.6f),
                        reading(Modality.VOICE, y, 0.6f), reading(Modality.TEXT, shift(y, 2), 0.6f)));
            }
        }

        PairedEvaluation.Report r = PairedEvaluation.evaluate(scored, 2);

        assertThat(r.agreeing()).isEqualTo(140);
        assertThat(r.accuracy().get("face alone")).isCloseTo(6 / 7.0, within(1e-9));
        assertThat(r.accuracy().get("voice alone")).isCloseTo(4 / 7.0, within(1e-9));
        assertThat(r.accuracy().get("text alone")).isCloseTo(4 / 7.0, within(1e-9));
        // two of three agree on the right category on every item: the pools follow the majority
        assertThat(r.accuracy().get("fused linear (equal)")).isEqualTo(1.0);
        assertThat(r.accuracy().get("fused learned (CV by actor)")).isGreaterThan(6 / 7.0);
        assertThat(r.disagreeingDisagreement()).isGreaterThan(r.agreeingDisagreement());
    }
}
