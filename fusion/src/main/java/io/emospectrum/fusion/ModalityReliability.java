package io.emospectrum.fusion;

import io.emospectrum.spectrum.Modality;

import java.util.EnumMap;
import java.util.Map;

/**
 * How much each modality is trusted, independent of any single reading: the prior half of a
 * fusion weight (the other half is the reading's confidence). Values are relative, >= 0.
 */
public record ModalityReliability(Map<Modality, Double> weights) {

    /** Every modality trusted alike, until measured figures replace it. */
    public static final ModalityReliability EQUAL = of(1, 1, 1);

    public ModalityReliability {
        EnumMap<Modality, Double> copy = new EnumMap<>(Modality.class);
        weights.forEach((m, w) -> {
            if (m == Modality.FUSED) {
                throw new IllegalArgumentException("fused readings are not fusion inputs; no reliability for FUSED");
            }
            if (w == null || !(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("reliability of " + m + " must be finite and >= 0, was " + w);
            }
            copy.put(m, w);
        });
        for (Modality m : new Modality[] {Modality.FACE, Modality.VOICE, Modality.TEXT}) {
            if (!copy.containsKey(m)) {
                throw new IllegalArgumentException("reliability missing for " + m);
            }
        }
        weights = Map.copyOf(copy);
    }

    public static ModalityReliability of(double face, double voice, double text) {
        return new ModalityReliability(Map.of(Modality.FACE, face, Modality.VOICE, voice, Modality.TEXT, text));
    }

    public double of(Modality modality) {
        Double w = weights.get(modality);
        if (w == null) {
            throw new IllegalArgumentException("no reliability for " + modality);
        }
        return w;
    }
}
