package io.emospectrum.tools.text.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.text.onnx.OnnxBertWeights;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

/** Puts pretrained weights (from an ONNX export) into a {@link BertEncoder}'s parameters. */
public final class BertWeightsLoader {
    private BertWeightsLoader() {
    }

    /** Initializes {@code encoder} on {@code manager} and copies every weight in; fails on a missing or misshapen one. */
    public static void load(BertEncoder encoder, NDManager manager, OnnxBertWeights weights) {
        Shape tokens = new Shape(1, 8);
        encoder.initialize(manager, DataType.FLOAT32, tokens, tokens, tokens);
        for (Map.Entry<String, Parameter> e : encoder.parametersByHfName().entrySet()) {
            OnnxBertWeights.Tensor t = weights.get(e.getKey());
            NDArray a = e.getValue().getArray();
            if (!Arrays.equals(a.getShape().getShape(), t.shape())) {
                throw new ModelLoadException(e.getKey() + ": the block expects " + a.getShape() + ", the ONNX weight is "
                        + Arrays.toString(t.shape()));
            }
            assign(e.getValue(), t.values());
        }
    }

    /** Copies {@code values} into an initialized parameter of the same size, in place. */
    public static void assign(Parameter p, float[] values) {
        NDArray a = p.getArray();
        if (a.size() != values.length) {
            throw new ModelLoadException(p.getName() + ": " + values.length + " values for a parameter of shape " + a.getShape());
        }
        boolean grad = a.hasGradient();
        a.setRequiresGradient(false); // an in-place copy into a leaf that records gradients is refused
        a.set(FloatBuffer.wrap(values));
        a.setRequiresGradient(grad);
    }
}
