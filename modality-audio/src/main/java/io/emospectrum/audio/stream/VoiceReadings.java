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
 * from the NRC VAD anchors, the model's own scores kept, and a confidence that combines the
 * model's (calibrated) probability of the top category with how much of the window is clean speech.
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
                .confidence(clamp(certainty(model.mapping().categoryScores(p)) * w.activity().reliability()))
                .modality(Modality.VOICE)
                .model(model.id())
                .device(device)
                .span(Span.of(new TimeSpan(w.start(), w.end())))
                .subject(subject)
                .modelScores(model.mapping().labelScores(p))
                .build();
    }

    /**
     * The probability of the top category (labels that map to one category summed). With a model
     * calibrated by temperature scaling this is how often the top category is right on held-out data.
     */
    static float certainty(float[] categoryScores) {
        float max = 0;
        for (float v : categoryScores) {
            max = Math.max(max, v);
        }
        return max;
    }

    static float clamp(float x) {
        return Float.isNaN(x) ? 0f : Math.max(0f, Math.min(1f, x));
    }
}
