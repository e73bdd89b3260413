package io.emospectrum.fusion;

import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A fused spectrum with its evidence.
 *
 * @param reading      the fused reading (modality {@link Modality#FUSED}, model = the pooling strategy)
 * @param sources      the readings that were pooled, one per modality when it comes from alignment
 * @param weights      each source's normalized pooling weight, in {@code sources} order
 * @param disagreement Jensen-Shannon divergence between the sources' category distributions, in bits
 */
public record FusedReading(EmotionReading reading, List<EmotionReading> sources, List<Double> weights,
                           double disagreement) {
    public FusedReading {
        Objects.requireNonNull(reading, "reading");
        if (reading.modality() != Modality.FUSED) {
            throw new IllegalArgumentException("a fused reading has modality FUSED, not " + reading.modality());
        }
        sources = List.copyOf(sources);
        weights = List.copyOf(weights);
        if (sources.isEmpty() || sources.size() != weights.size()) {
            throw new IllegalArgumentException(sources.size() + " sources and " + weights.size() + " weights");
        }
        if (!(disagreement >= 0) || Double.isInfinite(disagreement)) {
            throw new IllegalArgumentException("disagreement must be finite and >= 0, was " + disagreement);
        }
    }

    /** The modalities that contributed, in {@link Modality} order. */
    public Set<Modality> modalities() {
        EnumMap<Modality, Boolean> m = new EnumMap<>(Modality.class);
        sources.forEach(s -> m.put(s.modality(), true));
        return Collections.unmodifiableSet(m.keySet());
    }

    /** The source of {@code modality}, if it contributed (the first one, should there be several). */
    public Optional<EmotionReading> source(Modality modality) {
        return sources.stream().filter(s -> s.modality() == modality).findFirst();
    }

    /** Normalized weight per modality (summed if a modality has several sources). */
    public Map<Modality, Double> weightByModality() {
        EnumMap<Modality, Double> m = new EnumMap<>(Modality.class);
        for (int i = 0; i < sources.size(); i++) {
            m.merge(sources.get(i).modality(), weights.get(i), Double::sum);
        }
        return Collections.unmodifiableMap(m);
    }
}
