package io.emospectrum.text.head;

import io.emospectrum.text.encoder.SentenceEncoder;
import io.emospectrum.text.encoder.TokenBatch;
import io.emospectrum.text.parallel.WideScorer;
import io.emospectrum.text.score.LabelScorer;
import io.emospectrum.text.score.WindowScores;

import java.util.List;

/**
 * The encoder, then a {@link CategoryHead}: the model's labels are the seven categories themselves
 * (and a valence/arousal head when the model has one).
 */
public final class CategoryHeadScorer implements LabelScorer, WideScorer {
    private final SentenceEncoder encoder;
    private final CategoryHead head;
    private final ValenceArousalHead dimensions;

    public CategoryHeadScorer(SentenceEncoder encoder, CategoryHead head) {
        this(encoder, head, null);
    }

    /** @param dimensions valence/arousal head on the same pooled features, or null (anchors) */
    public CategoryHeadScorer(SentenceEncoder encoder, CategoryHead head, ValenceArousalHead dimensions) {
        this.encoder = encoder;
        this.head = head;
        this.dimensions = dimensions;
    }

    @Override
    public List<String> labels() {
        return head.labels();
    }

    @Override
    public float[][] score(TokenBatch batch) {
        return scoreWindows(batch).labels();
    }

    @Override
    public boolean predictsDimensions() {
        return dimensions != null;
    }

    @Override
    public WindowScores scoreWindows(TokenBatch batch) {
        return head(encoder.encode(batch));
    }

    @Override
    public int wideThreads() {
        return encoder.wideThreads();
    }

    @Override
    public WindowScores scoreWide(TokenBatch batch) {
        return head(encoder.encodeWide(batch));
    }

    private WindowScores head(float[][] pooled) {
        float[][] out = new float[pooled.length][];
        for (int i = 0; i < pooled.length; i++) {
            out[i] = head.predict(pooled[i]);
        }
        return new WindowScores(out, ValenceArousalHead.predictAll(dimensions, pooled));
    }

    @Override
    public String device() {
        return encoder.device();
    }

    @Override
    public void close() {
        encoder.close();
    }
}
