package io.emospectrum.text.head;

import io.emospectrum.text.encoder.SentenceEncoder;
import io.emospectrum.text.encoder.TokenBatch;
import io.emospectrum.text.parallel.WideScorer;
import io.emospectrum.text.score.LabelScorer;
import io.emospectrum.text.score.WindowScores;

import java.util.List;

/**
 * The bundled model: sentence encoder, then the trained GoEmotions head (and, when the model has
 * them, a valence/arousal head and a second, seven-category head on the same pooled features).
 */
public final class EncoderHeadScorer implements LabelScorer, WideScorer {
    private final SentenceEncoder encoder;
    private final HeadClassifier head;
    private final HeadConfig config;
    private final ValenceArousalHead dimensions;
    private final CategoryHead categories;

    public EncoderHeadScorer(SentenceEncoder encoder, HeadClassifier head, HeadConfig config) {
        this(encoder, head, config, null, null);
    }

    /**
     * @param dimensions valence/arousal head on the same pooled features, or null (anchors)
     * @param categories a second, seven-category head on the same pooled features, or null
     */
    public EncoderHeadScorer(SentenceEncoder encoder, HeadClassifier head, HeadConfig config, ValenceArousalHead dimensions,
                             CategoryHead categories) {
        this.encoder = encoder;
        this.head = head;
        this.config = config;
        this.dimensions = dimensions;
        this.categories = categories;
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
    public boolean predictsCategories() {
        return categories != null;
    }

    @Override
    public WindowScores scoreWindows(TokenBatch batch) {
        return heads(encoder.encode(batch));
    }

    @Override
    public int wideThreads() {
        return encoder.wideThreads();
    }

    @Override
    public WindowScores scoreWide(TokenBatch batch) {
        return heads(encoder.encodeWide(batch));
    }

    private WindowScores heads(float[][] pooled) {
        float[][] rows = new float[pooled.length][];
        for (int i = 0; i < pooled.length; i++) {
            rows[i] = config.select(pooled[i]);
        }
        float[][] second = null;
        if (categories != null) {
            second = new float[pooled.length][];
            for (int i = 0; i < pooled.length; i++) {
                second[i] = categories.predict(pooled[i]);
            }
        }
        return new WindowScores(head.predict(rows), ValenceArousalHead.predictAll(dimensions, pooled), second);
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
