package io.emospectrum.audio.stream;

import io.emospectrum.audio.model.VoiceModel;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.Span;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.TimeSpan;
import io.emospectrum.spectrum.VadAnchors;

/**
 * The summary of a file or stream: the confidence-weighted mean of its scored windows' label
 * probabilities. With no scored window (silence, no speech) it is neutral with confidence 0.
 */
public final class SummaryAccumulator {
    private final VoiceModel model;
    private final String device;
    private final String subject;
    private final double[] weighted;
    private double weightSum;
    private double confidenceSum;
    private int windows;

    public SummaryAccumulator(VoiceModel model, String subject) {
        this.model = model;
        this.device = model.device();
        this.subject = subject;
        this.weighted = new double[model.config().labels().size()];
    }

    public void add(EmotionReading window) {
        float[] p = window.modelScores().scores();
        // A floor keeps zero-confidence windows from dividing by zero while counting for little.
        double w = Math.max(1e-3, window.confidence());
        for (int i = 0; i < p.length; i++) {
            weighted[i] += w * p[i];
        }
        weightSum += w;
        confidenceSum += window.confidence();
        windows++;
    }

    public int windows() {
        return windows;
    }

    public EmotionReading summary(double start, double end) {
        float[] p = new float[weighted.length];
        Spectrum spectrum;
        float confidence;
        if (windows == 0) {
            spectrum = Spectrum.fromScores(new float[io.emospectrum.spectrum.EmotionCategory.COUNT], VadAnchors.NRC_VAD_2018);
            confidence = 0f;
        } else {
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (weighted[i] / weightSum);
            }
            spectrum = model.mapping().toSpectrum(p, VadAnchors.NRC_VAD_2018);
            confidence = VoiceReadings.clamp((float) (confidenceSum / windows));
        }
        return EmotionReading.builder()
                .spectrum(spectrum)
                .confidence(confidence)
                .modality(Modality.VOICE)
                .model(model.id())
                .device(device)
                .span(Span.of(new TimeSpan(start, Math.max(start, end))))
                .subject(subject)
                .modelScores(model.mapping().labelScores(p))
                .build();
    }
}
