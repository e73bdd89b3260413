package io.emospectrum.text.onnx;

import io.emospectrum.error.ModelLoadException;
import io.emospectrum.onnx.OnnxInitializer;
import io.emospectrum.onnx.OnnxNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The float weights of a Hugging Face BERT exported to ONNX, under their Hugging Face names.
 * Biases, LayerNorm and embedding tensors keep their names in the export; the dense layers' weights
 * become anonymous {@code onnx::MatMul_N} initializers in {@code [in, out]} layout, named here by the
 * MatMul node that consumes them ({@code /encoder/layer.0/attention/self/query/MatMul} ->
 * {@code encoder.layer.0.attention.self.query.weight}) and transposed to {@code [out, in]}.
 */
public final class OnnxBertWeights {
    /** A weight in PyTorch layout and where it lives in the ONNX graph. */
    public record Tensor(String hfName, long[] shape, float[] values, String onnxName, boolean transposed) {
    }

    private final Map<String, Tensor> byHfName;

    private OnnxBertWeights(Map<String, Tensor> byHfName) {
        this.byHfName = byHfName;
    }

    public static OnnxBertWeights of(OnnxGraph graph) {
        Map<String, String> matMulWeight = new LinkedHashMap<>();
        for (OnnxNode n : graph.nodes()) {
            if (n.opType().equals("MatMul") && n.inputs().size() == 2 && graph.initializers().containsKey(n.inputs().get(1))
                    && n.name().endsWith("/MatMul")) {
                String path = n.name().substring(1, n.name().length() - "/MatMul".length()).replace('/', '.');
                matMulWeight.put(n.inputs().get(1), path + ".weight");
            }
        }
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (OnnxInitializer t : graph.initializers().values()) {
            if (t.dataType() != OnnxInitializer.FLOAT) {
                continue;
            }
            String hf = matMulWeight.get(t.name());
            if (hf != null) {
                long[] d = t.dims();
                m.put(hf, new Tensor(hf, new long[]{d[1], d[0]}, transpose(t.floats(), (int) d[0], (int) d[1]), t.name(), true));
            } else {
                m.put(t.name(), new Tensor(t.name(), t.dims(), t.floats(), t.name(), false));
            }
        }
        return new OnnxBertWeights(m);
    }

    public Map<String, Tensor> tensors() {
        return java.util.Collections.unmodifiableMap(byHfName);
    }

    public Tensor get(String hfName) {
        Tensor t = byHfName.get(hfName);
        if (t == null) {
            throw new ModelLoadException("the ONNX encoder has no weight '" + hfName + "'");
        }
        return t;
    }

    /** The initializer that holds {@code values} (PyTorch layout) for the weight {@code hfName} in the ONNX graph. */
    public OnnxInitializer toInitializer(String hfName, float[] values) {
        Tensor t = get(hfName);
        if (values.length != t.values().length) {
            throw new IllegalArgumentException(hfName + ": " + values.length + " values, the graph holds " + t.values().length);
        }
        float[] v = t.transposed() ? transpose(values, (int) t.shape()[0], (int) t.shape()[1]) : values;
        long[] dims = t.transposed() ? new long[]{t.shape()[1], t.shape()[0]} : t.shape();
        return new OnnxInitializer(t.onnxName(), dims, OnnxInitializer.FLOAT, OnnxInitializer.toRaw(v));
    }

    /** {@code [rows, cols]} -> {@code [cols, rows]}. */
    static float[] transpose(float[] x, int rows, int cols) {
        float[] y = new float[x.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                y[c * rows + r] = x[r * cols + c];
            }
        }
        return y;
    }
}
