package io.emospectrum.spi;

import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.ModelId;

/**
 * What every extractor has in common. An extractor owns a loaded model (a DJL {@code ZooModel})
 * and is safe to share between threads: implementations hand each call its own predictor (or one
 * from a pool) and scope the call's native memory. Close it to free the model.
 */
public interface EmotionExtractor extends AutoCloseable {
    Modality modality();

    /** The model behind every reading this extractor returns. */
    ModelId model();

    /** The device inference runs on, as reported in each reading ({@code "cpu()"}, {@code "gpu(0)"}). */
    String device();

    /** Frees the model and its native memory; further calls fail. */
    @Override
    void close();
}
