package io.emospectrum.tools.text.bert;

/**
 * Shape of a BERT encoder as Hugging Face's {@code BertModel} defines it.
 *
 * @param vocabSize    word-piece vocabulary
 * @param hidden       hidden size
 * @param layers       Transformer layers
 * @param heads        attention heads ({@code hidden / heads} dims each)
 * @param intermediate feed-forward size
 * @param maxPositions learned positions
 * @param typeVocab    token types
 * @param dropout      dropout on embeddings, attention probabilities and each sub-layer's output (training only)
 */
public record BertConfig(int vocabSize, int hidden, int layers, int heads, int intermediate, int maxPositions, int typeVocab,
                         float dropout) {
    /** LayerNorm epsilon of BERT. */
    public static final float LAYER_NORM_EPS = 1e-12f;

    /** sentence-transformers/all-MiniLM-L6-v2. */
    public static final BertConfig MINILM_L6_H384 = new BertConfig(30522, 384, 6, 12, 1536, 512, 2, 0.1f);

    public BertConfig {
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden " + hidden + " is not a multiple of heads " + heads);
        }
    }

    public int headDim() {
        return hidden / heads;
    }
}
