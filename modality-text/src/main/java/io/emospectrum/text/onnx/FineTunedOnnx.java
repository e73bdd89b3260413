package io.emospectrum.text.onnx;

import io.emospectrum.error.ModelLoadException;
import io.emospectrum.onnx.OnnxInitializer;
import io.emospectrum.text.encoder.TensorFile;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a fine-tuned BERT into a copy of an ONNX export: each changed weight is the pretrained
 * float weight plus its fine-tuning delta. Into a float32 graph the new values go as they are;
 * into a dynamically quantized graph (onnxruntime {@code quantize_dynamic}: per-column symmetric
 * int8 MatMul weights with zero point 0 and 7-bit range, {@code scale = max|w| / 64}, as in
 * langchain4j's {@code -q} file) the MatMul weights are quantized again the same way, and the
 * float biases and LayerNorm weights are replaced; with {@code perRowActivations} the graph's
 * activations are also rewritten to be quantized per row ({@link RowQuantization}).
 * Deterministic: same inputs, same bytes.
 */
public final class FineTunedOnnx {
    /** Quantized range of onnxruntime's int8 weights with {@code reduce_range}: [-64, 64]. */
    private static final float INT8_REDUCED_HALF_RANGE = 64f;

    private FineTunedOnnx() {
    }

    /**
     * @param pretrained the float32 weights the delta was taken from
     * @param template   the graph to copy (the float32 one itself, or its quantized export)
     * @param quantized  whether {@code template} holds int8 MatMul weights
     * @param perRowActivations whether to quantize the activations of a quantized template per row
     */
    public static void write(OnnxBertWeights pretrained, Path template, boolean quantized, boolean perRowActivations,
                             Map<String, TensorFile.Entry> delta, Path target) {
        if (perRowActivations && !quantized) {
            throw new IllegalArgumentException("per-row activation quantization needs a quantized template");
        }
        OnnxGraph graph = quantized ? OnnxGraph.read(template) : null;
        Map<String, OnnxInitializer> replacements = new LinkedHashMap<>();
        for (Map.Entry<String, TensorFile.Entry> e : delta.entrySet()) {
            OnnxBertWeights.Tensor base = pretrained.get(e.getKey());
            float[] d = e.getValue().values();
            if (d.length != base.values().length) {
                throw new ModelLoadException("encoder delta '" + e.getKey() + "' has " + d.length + " values, the weight has " + base.values().length);
            }
            float[] w = new float[d.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = base.values()[i] + d[i];
            }
            OnnxInitializer init = pretrained.toInitializer(e.getKey(), w);
            if (quantized && base.transposed()) {
                quantizeInto(graph, init, replacements);
            } else {
                replacements.put(init.name(), init);
            }
        }
        OnnxGraph.rewrite(template, target, replacements, perRowActivations ? RowQuantization.of(graph) : OnnxGraphEdit.NONE);
    }

    /** {@code init} is {@code [in, out]}; each output column gets its own scale, zero point 0. */
    private static void quantizeInto(OnnxGraph graph, OnnxInitializer init, Map<String, OnnxInitializer> out) {
        OnnxInitializer oldQ = graph.initializer(init.name() + "_quantized");
        OnnxInitializer oldScale = graph.initializer(init.name() + "_scale");
        OnnxInitializer zeroPoint = graph.initializer(init.name() + "_zero_point");
        if (oldQ.dataType() != OnnxInitializer.INT8) {
            throw new ModelLoadException(oldQ.name() + " is not int8 (ONNX type " + oldQ.dataType() + ")");
        }
        for (byte z : zeroPoint.raw()) {
            if (z != 0) {
                throw new ModelLoadException(zeroPoint.name() + " is not all zero: not the symmetric scheme this quantizer writes");
            }
        }
        long[] dims = init.dims();
        int rows = (int) dims[0];
        int cols = (int) dims[1];
        float[] w = init.floats();
        float[] scale = new float[cols];
        for (int c = 0; c < cols; c++) {
            float amax = 0;
            for (int r = 0; r < rows; r++) {
                amax = Math.max(amax, Math.abs(w[r * cols + c]));
            }
            scale[c] = amax > 0 ? amax / INT8_REDUCED_HALF_RANGE : 1f;
        }
        byte[] q = new byte[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                long v = (long) Math.rint(w[r * cols + c] / scale[c]); // numpy's round: half to even
                q[r * cols + c] = (byte) Math.max(-INT8_REDUCED_HALF_RANGE, Math.min(INT8_REDUCED_HALF_RANGE, v));
            }
        }
        out.put(oldQ.name(), new OnnxInitializer(oldQ.name(), oldQ.dims(), OnnxInitializer.INT8, q));
        out.put(oldScale.name(), new OnnxInitializer(oldScale.name(), oldScale.dims(), OnnxInitializer.FLOAT, OnnxInitializer.toRaw(scale)));
    }
}
