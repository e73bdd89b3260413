package io.emospectrum.fusion;

import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spectrum.Span;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.TimeSpan;

/** Hand-made readings for fusion tests. */
public final class TestReadings {
    private TestReadings() {
    }

    /** Probabilities in category order, padded with zeros. */
    public static float[] probs(float... leading) {
        float[] p = new float[EmotionCategory.COUNT];
        System.arraycopy(leading, 0, p, 0, leading.length);
        return p;
    }

    public static float[] oneHot(EmotionCategory c) {
        float[] p = new float[EmotionCategory.COUNT];
        p[c.index()] = 1;
        return p;
    }

    public static Spectrum spectrum(float[] p, float valence, float arousal) {
        return Spectrum.of(p, valence, arousal);
    }

    public static EmotionReading reading(Modality m, Spectrum s, float confidence, double start, double end, String subject) {
        return EmotionReading.builder()
                .spectrum(s)
                .confidence(confidence)
                .modality(m)
                .model(new ModelId("test-" + m.key(), "0"))
                .span(Span.of(new TimeSpan(start, end)))
                .subject(subject)
                .build();
    }

    public static EmotionReading reading(Modality m, EmotionCategory c, float confidence, double start, double end, String subject) {
        return reading(m, Spectrum.of(oneHot(c), 0f, 0f), confidence, start, end, subject);
    }
}
