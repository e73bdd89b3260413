package io.emospectrum.text.parallel;

import io.emospectrum.text.encoder.TokenBatch;
import io.emospectrum.text.score.WindowScores;

/**
 * A scorer that can also spread one batch over several cores, for a call that has fewer batches
 * than cores (one short text is one batch). Its results equal the one-thread path's within float
 * rounding.
 */
public interface WideScorer {

    /** Cores {@link #scoreWide} uses; 1 when it cannot spread a batch (it then scores as usual). */
    int wideThreads();

    /** The same scores as the scorer's one-thread path, the batch spread over {@link #wideThreads()} cores. */
    WindowScores scoreWide(TokenBatch batch);
}
