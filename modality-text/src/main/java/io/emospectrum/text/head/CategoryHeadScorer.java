package io.emospectrum.text.head;

import io.emospectrum.text.encoder.SentenceEncoder;
import io.emospectrum.text.score.WindowScores;

import java.util.List;

/**
 * The encoder, then a {@link CategoryHead}: the model's labels are the seven categories themselves
 * (and a valence/arousal head when the model has one).
 */
public final class CategoryHeadScorer extends PooledHeadScorer {
    private final CategoryHead head;

    public CategoryHeadScorer(SentenceEncoder encoder, CategoryHead head) {
        this(encoder, head, null);
    }

    /** @param dimensions valence/arousal head on the same pooled features, or null (anchors) */
    public CategoryHeadScorer(SentenceEncoder encoder, CategoryHead head, ValenceArousalHead dimensions) {
        super(encoder, dimensions);
        this.head = head;
    }

    @Override
    public List<String> labels() {
        return head.labels();
    }

    @Override
    protected WindowScores heads(float[][] pooled) {
        float[][] out = new float[pooled.length][];
        for (int i = 0; i < pooled.length; i++) {
            out[i] = head.predict(pooled[i]);
        }
        return new WindowScores(out, dimensions(pooled));
    }
}
