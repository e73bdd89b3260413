package io.emospectrum.text.head;

import io.emospectrum.text.encoder.SentenceEncoder;
import io.emospectrum.text.encoder.TokenBatch;
import io.emospectrum.text.score.LabelScorer;

import java.util.List;

/** The bundled model: frozen sentence encoder, then the trained GoEmotions head. */
public final class EncoderHeadScorer implements LabelScorer {
    private final SentenceEncoder encoder;
    private final HeadClassifier head;
    private final HeadConfig config;

    public EncoderHeadScorer(SentenceEncoder encoder, HeadClassifier head, HeadConfig config) {
        this.encoder = encoder;
        this.head = head;
        this.config = config;
    }

    @Override
    public List<String> labels() {
        return config.labels();
    }

    @Override
    public float[][] score(TokenBatch batch) {
        float[][] pooled = encoder.encode(batch);
        float[][] rows = new float[pooled.length][];
        for (int i = 0; i < pooled.length; i++) {
            rows[i] = config.select(pooled[i]);
        }
        return head.predict(rows);
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
