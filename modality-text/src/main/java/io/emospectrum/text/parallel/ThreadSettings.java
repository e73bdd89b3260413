package io.emospectrum.text.parallel;

/**
 * How many cores one call of a text extractor may use, and whether a call with a single encoder
 * batch (one short text, a few) spreads that batch over them.
 *
 * @param threads           cores one call may use: the caller's thread and {@code threads - 1} workers,
 *                          each running whole encoder batches side by side
 * @param spreadSingleBatch whether the encoder keeps a second session with {@code threads} intra-op
 *                          threads (its memory again) to spread a call's only batch over the cores;
 *                          otherwise that batch runs on one core
 */
public record ThreadSettings(int threads, boolean spreadSingleBatch) {

    public ThreadSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /**
     * Every available processor, a single batch on one core: the provider's default (spreading it
     * was slower on a 2-core AMD EPYC machine, idle or loaded: docs/modality-text.md).
     */
    public static ThreadSettings perProcessor() {
        return new ThreadSettings(Runtime.getRuntime().availableProcessors(), false);
    }

    /** Intra-op threads of the encoder's second session: 1 (none) unless a single batch is spread over several cores. */
    public int wideThreads() {
        return spreadSingleBatch ? threads : 1;
    }
}
