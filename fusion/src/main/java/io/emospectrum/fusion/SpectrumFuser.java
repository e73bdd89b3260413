package io.emospectrum.fusion;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.fusion.pool.JensenShannon;
import io.emospectrum.fusion.pool.PoolInput;
import io.emospectrum.fusion.pool.PoolingStrategy;
import io.emospectrum.fusion.pool.Weights;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.Span;
import io.emospectrum.spectrum.Spectrum;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fuses readings that apply to the same time and subject: weights each with its modality's
 * reliability times its confidence, pools them with the strategy and reports the sources and
 * their disagreement. Immutable and thread-safe.
 */
public final class SpectrumFuser {
    private final PoolingStrategy strategy;
    private final ModalityReliability reliability;

    public SpectrumFuser(PoolingStrategy strategy, ModalityReliability reliability) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.reliability = Objects.requireNonNull(reliability, "reliability");
    }

    public PoolingStrategy strategy() {
        return strategy;
    }

    public ModalityReliability reliability() {
        return reliability;
    }

    /**
     * Fuses {@code sources} into one reading with the given span and subject. Its confidence is the
     * weighted mean of the sources' confidences (0 when no source is trusted at all).
     *
     * @throws InvalidInputException if there is no source or a source is itself fused
     */
    public FusedReading fuse(List<EmotionReading> sources, Span span, String subject) {
        if (sources.isEmpty()) {
            throw new InvalidInputException("nothing to fuse: no source reading");
        }
        List<PoolInput> inputs = new ArrayList<>(sources.size());
        List<float[]> distributions = new ArrayList<>(sources.size());
        for (EmotionReading r : sources) {
            if (r.modality() == Modality.FUSED) {
                throw new InvalidInputException("cannot fuse an already fused reading (" + r.model() + ")");
            }
            inputs.add(new PoolInput(r.modality(), r.spectrum(), reliability.of(r.modality()) * r.confidence()));
            distributions.add(r.spectrum().probabilities());
        }
        double[] w = Weights.normalized(inputs);
        double rawSum = inputs.stream().mapToDouble(PoolInput::weight).sum();
        double confidence = 0;
        if (rawSum > 0) {
            for (int i = 0; i < w.length; i++) {
                confidence += w[i] * sources.get(i).confidence();
            }
        }
        Spectrum pooled = strategy.pool(inputs);
        List<Double> weights = new ArrayList<>(w.length);
        for (double x : w) {
            weights.add(x);
        }
        EmotionReading fused = EmotionReading.builder()
                .spectrum(pooled)
                .confidence((float) Math.min(1, confidence))
                .modality(Modality.FUSED)
                .model(strategy.model())
                .device("cpu()")
                .span(span)
                .subject(subject)
                .build();
        return new FusedReading(fused, sources, weights, JensenShannon.divergence(distributions));
    }
}
