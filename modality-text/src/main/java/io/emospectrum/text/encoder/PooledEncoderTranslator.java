package io.emospectrum.text.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

import java.util.List;

/**
 * Feeds a padded {@link TokenBatch} to a BERT-style encoder and pools its last hidden state into
 * one feature vector per window: the masked mean of the token states followed by the first
 * ({@code [CLS]}) token's state. The batch is already a batch, so DJL's batchifier is off.
 */
public final class PooledEncoderTranslator implements NoBatchifyTranslator<TokenBatch, float[][]> {
    @Override
    public NDList processInput(TranslatorContext ctx, TokenBatch batch) {
        ctx.setAttachment("batch", batch);
        NDManager m = ctx.getNDManager();
        // The encoder's declared inputs, in order: some models have no token_type_ids.
        List<String> inputNames = ctx.getModel().describeInput().keys();
        NDList list = new NDList(inputNames.size());
        for (String name : inputNames) {
            NDArray a = switch (name) {
                case "input_ids" -> m.create(batch.ids());
                case "attention_mask" -> m.create(batch.mask());
                case "token_type_ids" -> m.create(batch.typeIds());
                default -> throw new IllegalStateException("encoder input '" + name + "' is not one this translator feeds");
            };
            a.setName(name);
            list.add(a);
        }
        return list;
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList out) {
        NDArray hidden = out.get(0);
        long[] shape = hidden.getShape().getShape();
        int b = (int) shape[0];
        int t = (int) shape[1];
        int d = (int) shape[2];
        float[] h = hidden.toFloatArray();
        TokenBatch batch = (TokenBatch) ctx.getAttachment("batch");
        float[][] features = new float[b][2 * d];
        for (int i = 0; i < b; i++) {
            float[] f = features[i];
            int real = 0;
            for (int j = 0; j < t; j++) {
                if (batch.mask()[i][j] == 0) {
                    continue;
                }
                real++;
                int base = (i * t + j) * d;
                for (int k = 0; k < d; k++) {
                    f[k] += h[base + k];
                }
            }
            float inv = 1f / Math.max(1, real);
            for (int k = 0; k < d; k++) {
                f[k] *= inv;
            }
            System.arraycopy(h, i * t * d, f, d, d);
        }
        return features;
    }
}
