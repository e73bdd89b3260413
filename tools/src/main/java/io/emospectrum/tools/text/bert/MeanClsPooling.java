package io.emospectrum.tools.text.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The pooled features the emotion head reads: the masked mean of the last hidden states, then the
 * first ({@code [CLS]}) token's state, {@code [B, 2H]}. The same as
 * {@link io.emospectrum.text.encoder.PooledEncoderTranslator} computes from the ONNX encoder's output.
 */
public final class MeanClsPooling {
    private MeanClsPooling() {
    }

    public static NDArray pool(NDArray hidden, NDArray mask) {
        NDArray m = mask.toType(DataType.FLOAT32, false).expandDims(2);
        NDArray mean = hidden.mul(m).sum(new int[]{1}).div(m.sum(new int[]{1}).maximum(1f));
        NDArray cls = hidden.get(":, 0, :");
        return mean.concat(cls, 1);
    }
}
