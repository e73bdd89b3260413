package io.emospectrum.text.score;

import io.emospectrum.conversation.ContextWindow;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A text extractor whose readings pass through a {@link DomainCalibration} fitted on the caller's own labelled
 * texts: each reading's distribution is re-tempered so that its confidence is the calibrated one (the dominant
 * category, valence and arousal stay). A confidence the extractor has already lowered for other reasons (a
 * language the model does not read) is lowered by the same factor after. Thread-safe when the extractor is.
 */
public final class DomainCalibratedExtractor implements TextEmotionExtractor {
    private final TextEmotionExtractor extractor;
    private final DomainCalibration calibration;

    public DomainCalibratedExtractor(TextEmotionExtractor extractor, DomainCalibration calibration) {
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
    }

    public DomainCalibration calibration() {
        return calibration;
    }

    @Override
    public TextAnalysis analyze(String text) {
        return calibrated(extractor.analyze(text));
    }

    @Override
    public List<TextAnalysis> analyzeAll(List<String> texts) {
        List<TextAnalysis> out = new ArrayList<>(texts.size());
        for (TextAnalysis a : extractor.analyzeAll(texts)) {
            out.add(calibrated(a));
        }
        return out;
    }

    @Override
    public ContextWindow contextWindow() {
        return extractor.contextWindow();
    }

    @Override
    public ModelId model() {
        return extractor.model();
    }

    @Override
    public String device() {
        return extractor.device();
    }

    @Override
    public void close() {
        extractor.close();
    }

    private TextAnalysis calibrated(TextAnalysis a) {
        EmotionReading overall = calibrated(a.overall());
        List<EmotionReading> segments = new ArrayList<>(a.segments().size());
        for (EmotionReading r : a.segments()) {
            segments.add(r == a.overall() ? overall : calibrated(r)); // a one-sentence text's segment is its overall reading
        }
        return new TextAnalysis(overall, segments, a.language(), a.languageSupported(), a.cautions());
    }

    private EmotionReading calibrated(EmotionReading r) {
        Spectrum s = r.spectrum();
        float[] p = s.probabilities();
        float top = p[Spectrum.dominantIndex(p)];
        float[] q = calibration.apply(p);
        float newTop = q[Spectrum.dominantIndex(q)];
        float confidence = top > 0 ? r.confidence() * newTop / top : r.confidence();
        return r.toBuilder().spectrum(Spectrum.of(q, s.valence(), s.arousal())).confidence(Math.max(0f, Math.min(1f, confidence))).build();
    }
}
