package io.emospectrum.spectrum;

import java.util.Objects;
import java.util.Optional;

/**
 * One reading of expressed emotion: the spectrum plus everything that travels with it
 * (see docs/spectrum.md). Immutable; build with {@link #builder()}.
 *
 * @param spectrum    the nine-float spectrum
 * @param confidence  how much the producer trusts this reading, in [0, 1]
 * @param modality    text, face, voice or fused
 * @param model       the model that produced it
 * @param device      the device inference ran on ({@code "cpu()"}, {@code "gpu(0)"}), as DJL names it
 * @param span        where in the input it applies
 * @param subject     who it is about when known ({@code "track-3"}, {@code "channel-1"}); null otherwise
 * @param modelScores the model's own labels and scores, before mapping
 */
public record EmotionReading(
        Spectrum spectrum,
        float confidence,
        Modality modality,
        ModelId model,
        String device,
        Span span,
        String subject,
        LabelScores modelScores) {

    public EmotionReading {
        Objects.requireNonNull(spectrum, "spectrum");
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(modelScores, "modelScores");
        if (!(confidence >= 0f && confidence <= 1f)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
    }

    public Optional<String> subjectId() {
        return Optional.ofNullable(subject);
    }

    /** Shortcut for {@code spectrum().toVector()}. */
    public float[] vector() {
        return spectrum.toVector();
    }

    public EmotionCategory dominant() {
        return spectrum.dominant();
    }

    public Builder toBuilder() {
        return new Builder().spectrum(spectrum).confidence(confidence).modality(modality).model(model)
                .device(device).span(span).subject(subject).modelScores(modelScores);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a reading; span defaults to {@link Span#WHOLE}, model scores to empty. */
    public static final class Builder {
        private Spectrum spectrum;
        private float confidence = 1f;
        private Modality modality;
        private ModelId model;
        private String device = "cpu()";
        private Span span = Span.WHOLE;
        private String subject;
        private LabelScores modelScores = LabelScores.empty();

        private Builder() {
        }

        public Builder spectrum(Spectrum spectrum) {
            this.spectrum = spectrum;
            return this;
        }

        public Builder confidence(float confidence) {
            this.confidence = confidence;
            return this;
        }

        public Builder modality(Modality modality) {
            this.modality = modality;
            return this;
        }

        public Builder model(ModelId model) {
            this.model = model;
            return this;
        }

        public Builder device(String device) {
            this.device = device;
            return this;
        }

        public Builder span(Span span) {
            this.span = span;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder modelScores(LabelScores modelScores) {
            this.modelScores = modelScores;
            return this;
        }

        public EmotionReading build() {
            return new EmotionReading(spectrum, confidence, modality, model, device, span, subject, modelScores);
        }
    }
}
