package io.emospectrum.text.head;

import io.emospectrum.onnx.OnnxInitializer;
import io.emospectrum.onnx.OnnxModelWriter;
import io.emospectrum.onnx.OnnxNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The trained head ({@link EmotionHead}: Linear, exact GELU, Linear, then a sigmoid per label) as
 * an ONNX graph, {@value #FILE_NAME}, so that inference runs on OnnxRuntime next to the encoder:
 * the text path then starts no PyTorch thread pool, whose spinning OpenMP threads took the cores
 * from the encoder between batches. Training stays on DJL's PyTorch engine; this is written from
 * its parameters.
 */
public final class HeadGraph {
    public static final String FILE_NAME = "head.onnx";
    /** How a model directory's NOTICE describes the file. */
    public static final String NOTICE_LINE = FILE_NAME + ": the same head as an ONNX graph (" + HeadGraph.class.getName()
            + "), which inference runs";
    static final String MODEL_NAME = "head";
    static final String INPUT = "features";
    static final String OUTPUT = "probabilities";

    private HeadGraph() {
    }

    /**
     * @param tensors the head block's parameters in its order: for each Linear its weight
     *                {@code [out, in]} then its bias {@code [out]}
     */
    public static void write(HeadConfig config, List<float[]> tensors, Path dir) {
        int labels = config.labels().size();
        int hidden = config.hidden();
        int expected = hidden > 0 ? 4 : 2;
        if (tensors.size() != expected) {
            throw new IllegalArgumentException("a head with hidden=" + hidden + " has " + expected + " tensors, got " + tensors.size());
        }
        List<OnnxNode> nodes = new ArrayList<>();
        List<OnnxInitializer> inits = new ArrayList<>();
        String x = INPUT;
        int in = config.inputDim();
        int t = 0;
        if (hidden > 0) {
            inits.add(tensor("w1", tensors.get(t++), hidden, in));
            inits.add(tensor("b1", tensors.get(t++), hidden));
            inits.add(tensor("inv_sqrt2", new float[]{(float) (1 / Math.sqrt(2))}));
            inits.add(tensor("one", new float[]{1f}));
            inits.add(tensor("half", new float[]{0.5f}));
            nodes.add(gemm("dense1", x, "w1", "b1", "h"));
            // exact GELU, as torch.nn.functional.gelu: 0.5 x (1 + erf(x / sqrt 2))
            nodes.add(node("gelu_scale", "Mul", "h", "inv_sqrt2", "h_s"));
            nodes.add(node("gelu_erf", "Erf", "h_s", null, "h_erf"));
            nodes.add(node("gelu_plus1", "Add", "h_erf", "one", "h_1"));
            nodes.add(node("gelu_times_x", "Mul", "h", "h_1", "h_x"));
            nodes.add(node("gelu_half", "Mul", "h_x", "half", "g"));
            x = "g";
            in = hidden;
        }
        inits.add(tensor("w2", tensors.get(t++), labels, in));
        inits.add(tensor("b2", tensors.get(t), labels));
        nodes.add(gemm("dense2", x, "w2", "b2", "logits"));
        nodes.add(node("sigmoid", "Sigmoid", "logits", null, OUTPUT));
        OnnxModelWriter.write(dir.resolve(FILE_NAME), "goemotions_head", 13, nodes, inits,
                List.of(new OnnxModelWriter.TensorInfo(INPUT, -1, config.inputDim())),
                List.of(new OnnxModelWriter.TensorInfo(OUTPUT, -1, labels)));
    }

    private static OnnxNode gemm(String name, String x, String w, String b, String y) {
        return new OnnxNode(name, "Gemm", "", List.of(x, w, b), List.of(y), Map.of("transB", 1L));
    }

    private static OnnxNode node(String name, String op, String a, String b, String y) {
        return new OnnxNode(name, op, "", b == null ? List.of(a) : List.of(a, b), List.of(y), Map.of());
    }

    private static OnnxInitializer tensor(String name, float[] values, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (dims.length > 0 && n != values.length) {
            throw new IllegalArgumentException(name + " has " + values.length + " values, shape needs " + n);
        }
        return new OnnxInitializer(name, dims, OnnxInitializer.FLOAT, OnnxInitializer.toRaw(values));
    }
}
