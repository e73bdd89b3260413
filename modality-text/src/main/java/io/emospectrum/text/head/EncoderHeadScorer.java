package io.emospectrum.text.head;

import io.emospectrum.text.encoder.SentenceEncoder;
import io.emospectrum.text.score.WindowScores;

import java.util.List;

/**
 * The bundled model: sentence encoder, then the trained GoEmotions head (and, when the model has
 * them, a valence/arousal head and a second, seven-category head on the same pooled features).
 */
public final class EncoderHeadScorer extends PooledHeadScorer {
    private final HeadClassifier head;
    private final HeadConfig config;
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
        super(encoder, dimensions);
        this.head = head;
        this.config = config;
        this.categories = categories;
    }

    @Override
    public List<String> labels() {
        return config.labels();
    }

    @Override
    public boolean predictsCategories() {
        return categories != null;
    }

    @Override
    protected WindowScores heads(float[][] pooled) {
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
        return new WindowScores(head.predict(rows), dimensions(pooled), second);
    }

    @Override
    protected void closeHeads() {
        head.close();
    }
}
