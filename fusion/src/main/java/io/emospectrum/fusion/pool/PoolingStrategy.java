package io.emospectrum.fusion.pool;

import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spectrum.Spectrum;

import java.util.List;

/**
 * Pools the spectra of several experts (modalities) into one. Implementations are immutable and
 * thread-safe. Valence and arousal are pooled with the same weights as the categories
 * ({@link Weights#dimensions}).
 */
public interface PoolingStrategy {

    /** The name it is selected by ({@code linear}, {@code log-linear}, {@code learned}). */
    String name();

    /** Reported as the model of every fused reading. */
    ModelId model();

    /**
     * Pools {@code inputs} (at least one). Weights are relative; when they are all zero every input
     * counts equally (nobody is trusted, so nobody is preferred).
     */
    Spectrum pool(List<PoolInput> inputs);
}
