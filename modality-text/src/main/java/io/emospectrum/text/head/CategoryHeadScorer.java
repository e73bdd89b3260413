package io.emospectrum.text.head;

import io.emospectrum.text.encoder.SentenceEncoder;
import io.emospectrum.text.encoder.TokenBatch;
import io.emospectrum.text.score.LabelScorer;

import java.util.List;

/** The encoder, then a {@link CategoryHead}: the model's labels are the seven categories themselves. */
public final class CategoryHeadScorer implements LabelScorer {
    private final SentenceEncoder encoder;
    private final CategoryHead head;

    public CategoryHeadScorer(SentenceEncoder encoder, CategoryHead head) {
        this.encoder = encoder;
        this.head = head;
    }

    @Override
    public List<String> labels() {
        return head.labels();
    }

    @Override
    public float[][] score(TokenBatch batch) {
        float[][] pooled = encoder.encode(batch);
        float[][] out = new float[pooled.length][];
        for (int i = 0; i < pooled.length; i++) {
            out[i] = head.predict(pooled[i]);
        }
        return out;
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
