package io.emospectrum.audio.stream;

import io.emospectrum.audio.model.VoiceModel;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.Span;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.TimeSpan;
import io.emospectrum.spectrum.VadAnchors;

/**
 * Turns scored windows into readings: labels mapped to the seven categories, valence and arousal
 * from the NRC VAD anchors, the model's own eight scores kept, and a confidence that combines
 * the model's certainty with how much of the window is clean speech.
 */
public final class VoiceReadings {
    private final VoiceModel model;
    private final String device;

    public VoiceReadings(VoiceModel model) {
        this.model = model;
        this.device = model.device();
    }

    public VoiceModel model() {
        return model;
    }

    public EmotionReading window(ScoredWindow w, String subject) {
        float[] p = w.probabilities();
        Spectrum s = model.mapping().toSpectrum(p, VadAnchors.NRC_VAD_2018);
        return EmotionReading.builder()
                .spectrum(s)
                .confidence(clamp(certainty(p) * w.activity().reliability()))
                .modality(Modality.VOICE)
                .model(model.id())
                .device(device)
                .span(Span.of(new TimeSpan(w.start(), w.end())))
                .subject(subject)
                .modelScores(model.mapping().labelScores(p))
                .build();
    }

    /** How far the top label stands above chance, in [0, 1]. */
    static float certainty(float[] p) {
        float max = 0;
        for (float v : p) {
            max = Math.max(max, v);
        }
        float chance = 1f / p.length;
        return (max - chance) / (1f - chance);
    }

    static float clamp(float x) {
        return Float.isNaN(x) ? 0f : Math.max(0f, Math.min(1f, x));
    }
}
