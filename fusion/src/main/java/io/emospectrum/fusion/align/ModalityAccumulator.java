package io.emospectrum.fusion.align;

import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spectrum.Span;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.TimeSpan;

/**
 * The readings of one modality in one window, summed as they arrive (never stored): each reading
 * weighs its confidence times its overlap with the window in seconds; an instant (zero-length
 * span, e.g. a video frame) weighs its confidence times one.
 */
final class ModalityAccumulator {
    private final Modality modality;
    private final double[] p = new double[EmotionCategory.COUNT];
    private double valence;
    private double arousal;
    private double weight;
    // plain (unweighted by confidence) sums: the fallback when every confidence is 0
    private final double[] plainP = new double[EmotionCategory.COUNT];
    private double plainValence;
    private double plainArousal;
    private double extent;
    private double intervalSeconds;
    private int count;
    private ModelId model;
    private String device;

    ModalityAccumulator(Modality modality) {
        this.modality = modality;
    }

    void add(EmotionReading r, double overlapSeconds, boolean instant) {
        double o = instant ? 1 : overlapSeconds;
        double w = r.confidence() * o;
        float[] pr = r.spectrum().probabilities();
        for (int c = 0; c < p.length; c++) {
            p[c] += w * pr[c];
            plainP[c] += o * pr[c];
        }
        valence += w * r.spectrum().valence();
        arousal += w * r.spectrum().arousal();
        plainValence += o * r.spectrum().valence();
        plainArousal += o * r.spectrum().arousal();
        weight += w;
        extent += o;
        if (!instant) {
            intervalSeconds += overlapSeconds;
        }
        count++;
        if (model == null) {
            model = r.model();
            device = r.device();
        }
    }

    int count() {
        return count;
    }

    /**
     * The modality's reading for the window: the weighted mean spectrum; confidence = the
     * overlap-weighted mean confidence times the share of the window that interval readings
     * cover (instants count as full coverage).
     */
    EmotionReading toReading(TimeSpan window, String subject) {
        boolean trusted = weight > 0;
        double norm = trusted ? weight : extent;
        double[] src = trusted ? p : plainP;
        float[] probs = new float[p.length];
        for (int c = 0; c < probs.length; c++) {
            probs[c] = (float) (src[c] / norm);
        }
        float v = (float) clamp((trusted ? valence : plainValence) / norm);
        float a = (float) clamp((trusted ? arousal : plainArousal) / norm);
        double meanConfidence = weight / extent;
        double coverage = intervalSeconds > 0 && intervalSeconds == extent
                ? Math.min(1, intervalSeconds / window.duration()) : 1;
        return EmotionReading.builder()
                .spectrum(Spectrum.of(probs, v, a))
                .confidence((float) Math.min(1, meanConfidence * coverage))
                .modality(modality)
                .model(model)
                .device(device)
                .span(Span.of(window))
                .subject(subject)
                .build();
    }

    private static double clamp(double x) {
        return Math.max(-1, Math.min(1, x));
    }
}
