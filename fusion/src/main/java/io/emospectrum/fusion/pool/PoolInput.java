package io.emospectrum.fusion.pool;

import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.Spectrum;

import java.util.Objects;

/**
 * One expert's opinion as a pooling strategy sees it: its modality, its spectrum and its weight
 * (modality reliability x confidence; not necessarily normalized).
 */
public record PoolInput(Modality modality, Spectrum spectrum, double weight) {
    public PoolInput {
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(spectrum, "spectrum");
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("pooling weight must be finite and >= 0, was " + weight);
        }
    }
}
