package io.emospectrum.text.head;

import io.emospectrum.text.encoder.SentenceEncoder;
import io.emospectrum.text.encoder.TokenBatch;
import io.emospectrum.text.parallel.WideScorer;
import io.emospectrum.text.score.LabelScorer;
import io.emospectrum.text.score.WindowScores;

/**
 * The sentence encoder, then heads on its pooled features: what every bundled model shares. A
 * subclass says which heads read the pooled rows ({@link #heads}) and which of them hold native
 * resources ({@link #closeHeads}).
 */
abstract class PooledHeadScorer implements LabelScorer, WideScorer {
    private final SentenceEncoder encoder;
    private final ValenceArousalHead dimensions;

    /** @param dimensions valence/arousal head on the same pooled features, or null (anchors) */
    PooledHeadScorer(SentenceEncoder encoder, ValenceArousalHead dimensions) {
        this.encoder = encoder;
        this.dimensions = dimensions;
    }

    /** The scores of a batch of pooled rows. */
    protected abstract WindowScores heads(float[][] pooled);

    /** The valence and arousal of pooled rows, or null without a head. */
    protected final float[][] dimensions(float[][] pooled) {
        return ValenceArousalHead.predictAll(dimensions, pooled);
    }

    /** Closes what the heads hold; the encoder is closed after it, whatever it throws. */
    protected void closeHeads() {
    }

    @Override
    public final float[][] score(TokenBatch batch) {
        return scoreWindows(batch).labels();
    }

    @Override
    public final boolean predictsDimensions() {
        return dimensions != null;
    }

    @Override
    public final WindowScores scoreWindows(TokenBatch batch) {
        return heads(encoder.encode(batch));
    }

    @Override
    public final int wideThreads() {
        return encoder.wideThreads();
    }

    @Override
    public final WindowScores scoreWide(TokenBatch batch) {
        return heads(encoder.encodeWide(batch));
    }

    @Override
    public final String device() {
        return encoder.device();
    }

    @Override
    public final void close() {
        try {
            closeHeads();
        } finally {
            encoder.close();
        }
    }
}
