package io.emospectrum.text.head;

import io.emospectrum.text.encoder.SentenceEncoder;
import io.emospectrum.text.encoder.TokenBatch;
import io.emospectrum.text.score.LabelScorer;
import io.emospectrum.text.score.WindowScores;

import java.util.List;

/** The bundled model: sentence encoder, then the trained GoEmotions head (and a valence/arousal head when the model has one). */
public final class EncoderHeadScorer implements LabelScorer {
    private final SentenceEncoder encoder;
    private final HeadClassifier head;
    private final HeadConfig config;
    private final ValenceArousalHead dimensions;

    public EncoderHeadScorer(SentenceEncoder encoder, HeadClassifier head, HeadConfig config) {
        this(encoder, head, config, null);
    }

    /** @param dimensions valence/arousal head on the same pooled features, or null (anchors) */
    public EncoderHeadScorer(SentenceEncoder encoder, HeadClassifier head, HeadConfig config, ValenceArousalHead dimensions) {
        this.encoder = encoder;
        this.head = head;
        this.config = config;
        this.dimensions = dimensions;
    }

    @Override
    public List<String> labels() {
        return config.labels();
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
        float[][] pooled = encoder.encode(batch);
        float[][] rows = new float[pooled.length][];
        for (int i = 0; i < pooled.length; i++) {
            rows[i] = config.select(pooled[i]);
        }
        return new WindowScores(head.predict(rows), ValenceArousalHead.predictAll(dimensions, pooled));
    }

    @Override
    public String device() {
        return encoder.device();
    }

    @Override
    public void close() {
        try {
            head.close();
        } finally {
            encoder.close();
        }
    }
}
