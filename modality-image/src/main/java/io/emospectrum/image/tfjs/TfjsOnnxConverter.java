package io.emospectrum.image.tfjs;

import io.emospectrum.error.ModelLoadException;
import io.emospectrum.onnx.OnnxInitializer;
import io.emospectrum.onnx.OnnxModelWriter;
import io.emospectrum.onnx.OnnxNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Converts a {@link TfjsGraph} into an ONNX model (opset 13) with the same inputs, outputs and
 * weights, for inference on onnxruntime: on a CPU it fuses convolution and activation and runs its
 * blocked (NCHWc) kernels, which the same network on PyTorch does not get (docs/modality-image.md).
 *
 * <p>Inputs and outputs stay NHWC, as in TensorFlow; inside, 4-D tensors are NCHW, filters are
 * transposed once (HWIO to OIHW; depthwise HWCM to {@code [C*M, 1, H, W]} with {@code group = C}),
 * TensorFlow's SAME padding becomes {@code auto_pad = SAME_UPPER} (the odd pixel at the end in
 * both), and axes of Mean, Softmax and Pad are translated; Reshape, which means NHWC order, runs
 * between transposes. Supported ops: {@link #SUPPORTED_OPS}, enough for mini-Xception and both
 * BlazeFace graphs; {@link #unsupportedOps} says what stops another graph, and such graphs keep
 * running on {@link TfjsGraphBlock}.
 */
public final class TfjsOnnxConverter {
    /** The TensorFlow ops this converter translates. */
    public static final Set<String> SUPPORTED_OPS = Set.of("Placeholder", "Const", "Identity", "_FusedConv2D", "Conv2D",
            "DepthwiseConv2dNative", "MaxPool", "AvgPool", "AddV2", "Add", "Sub", "Mul", "Relu", "Relu6", "Sigmoid", "Tanh",
            "Mean", "Softmax", "Pad", "PadV2", "Reshape");

    private static final Set<String> FUSED_OPS = Set.of("BiasAdd", "Relu", "Relu6");
    private static final long OPSET = 13;
    /** TensorFlow's NHWC axis i is axis {@code NCHW_AXIS[i]} of the NCHW tensors inside. */
    private static final int[] NCHW_AXIS = {0, 2, 3, 1};

    private final TfjsGraph graph;
    private final List<OnnxNode> nodes = new ArrayList<>();
    private final List<OnnxInitializer> initializers = new ArrayList<>();
    private final Set<String> initialized = new HashSet<>();
    /** Rank of every computed value (4-D values are NCHW). */
    private final Map<String, Integer> rank = new HashMap<>();

    private TfjsOnnxConverter(TfjsGraph graph) {
        this.graph = graph;
    }

    /** The ops (and fused activations) of {@code graph} that this converter does not translate; empty if it converts. */
    public static Set<String> unsupportedOps(TfjsGraph graph) {
        Set<String> out = new TreeSet<>(graph.opsOutside(SUPPORTED_OPS, FUSED_OPS));
        for (TfjsGraph.Node n : graph.nodes()) {
            if (n.op().equals("AvgPool") && !n.stringAttr("padding", "VALID").equals("VALID")) {
                out.add("AvgPool+SAME");
            }
            if (!n.stringAttr("data_format", "NHWC").equals("NHWC")) {
                out.add(n.op() + "+" + n.stringAttr("data_format", ""));
            }
        }
        return out;
    }

    /**
     * The ONNX model's bytes.
     *
     * @throws ModelLoadException if the graph uses an op that is not translated
     */
    public static byte[] convert(TfjsGraph graph) {
        Set<String> unsupported = unsupportedOps(graph);
        if (!unsupported.isEmpty()) {
            throw new ModelLoadException(graph.origin() + " uses op(s) " + unsupported + " that the ONNX converter does not translate");
        }
        return new TfjsOnnxConverter(graph).build();
    }

    private byte[] build() {
        List<OnnxModelWriter.TensorInfo> inputs = new ArrayList<>();
        for (String name : graph.inputNames()) {
            long[] shape = graph.inputShape(name).orElse(new long[] {-1, -1, -1, -1});
            if (shape.length != 4) {
                throw new ModelLoadException(graph.origin() + ": input " + name + " is not 4-D NHWC " + java.util.Arrays.toString(shape));
            }
            shape = shape.clone();
            shape[0] = -1; // graphs traced with a batch of 1 declare it; any batch runs
            inputs.add(new OnnxModelWriter.TensorInfo(name, shape));
            node("Transpose", name + "/nchw", List.of(name), Map.of("perm", new long[] {0, 3, 1, 2}));
            rank.put(name, 4);
        }
        for (TfjsGraph.Node n : graph.nodes()) {
            if (!n.op().equals("Placeholder") && !n.op().equals("Const")) {
                translate(n);
            }
        }
        List<OnnxModelWriter.TensorInfo> outputs = new ArrayList<>();
        for (String name : graph.outputNames()) {
            Integer r = rank.get(name);
            if (r == null) {
                throw new ModelLoadException(graph.origin() + ": output " + name + " is not computed by the graph");
            }
            String out = name + ":0";
            if (r == 4) {
                node("Transpose", out, List.of(value(name)), Map.of("perm", new long[] {0, 2, 3, 1}));
            } else {
                node("Identity", out, List.of(value(name)), Map.of());
            }
            long[] dims = new long[r];
            java.util.Arrays.fill(dims, -1);
            outputs.add(new OnnxModelWriter.TensorInfo(out, dims));
        }
        return OnnxModelWriter.toBytes(graph.origin(), OPSET, nodes, initializers, inputs, outputs);
    }

    /** The ONNX name holding TF value {@code name} (inputs are renamed by their NCHW transpose). */
    private String value(String name) {
        return graph.inputNames().contains(name) ? name + "/nchw" : name;
    }

    private void node(String op, String output, List<String> inputs, Map<String, Object> attributes) {
        nodes.add(new OnnxNode(output, op, "", inputs, List.of(output), attributes));
    }

    private void translate(TfjsGraph.Node n) {
        List<String> in = n.inputs();
        String x = in.isEmpty() ? null : in.get(0);
        int r = x == null ? -1 : rank.getOrDefault(x, -1);
        if (r < 0 && !n.op().equals("Identity")) {
            throw new ModelLoadException(graph.origin() + ": " + n.name() + " reads " + x + ", which is not a computed value");
        }
        String out = n.name();
        switch (n.op()) {
            case "Identity" -> {
                if (r < 0) {
                    throw new ModelLoadException(graph.origin() + ": " + n.name() + " forwards a constant; not translated");
                }
                node("Identity", out, List.of(value(x)), Map.of());
            }
            case "Relu", "Sigmoid", "Tanh" -> node(n.op(), out, List.of(value(x)), Map.of());
            case "Relu6" -> relu6(value(x), out);
            case "_FusedConv2D", "Conv2D", "DepthwiseConv2dNative" -> conv(n, value(x), out);
            case "MaxPool", "AvgPool" -> {
                int[] k = n.intListAttr("ksize", null);
                int[] s = n.intListAttr("strides", null);
                node(n.op().equals("MaxPool") ? "MaxPool" : "AveragePool", out, List.of(value(x)), Map.of(
                        "kernel_shape", new long[] {k[1], k[2]}, "strides", new long[] {s[1], s[2]}, "auto_pad", autoPad(n)));
            }
            case "AddV2", "Add", "Sub", "Mul" -> {
                String op = n.op().equals("Sub") ? "Sub" : n.op().equals("Mul") ? "Mul" : "Add";
                node(op, out, List.of(operand(in.get(0), r), operand(in.get(1), r)), Map.of());
                rank.put(out, Math.max(r, rank.getOrDefault(in.get(1), r)));
                return;
            }
            case "Mean" -> {
                int[] axes = intConstant(n, 1);
                long[] onnxAxes = new long[axes.length];
                int kept = r;
                for (int i = 0; i < axes.length; i++) {
                    int a = axes[i] < 0 ? axes[i] + r : axes[i];
                    onnxAxes[i] = r == 4 ? NCHW_AXIS[a] : a;
                }
                boolean keep = n.boolAttr("keep_dims", false);
                if (r == 4 && !keep && !sameAxes(onnxAxes, 2, 3)) {
                    throw new ModelLoadException(graph.origin() + ": " + n.name() + " reduces 4-D axes other than H and W; not translated");
                }
                if (!keep) {
                    kept = r - axes.length;
                }
                node("ReduceMean", out, List.of(value(x)), Map.of("axes", onnxAxes, "keepdims", keep ? 1L : 0L));
                rank.put(out, kept);
                return;
            }
            case "Softmax" -> node("Softmax", out, List.of(value(x)), Map.of("axis", r == 4 ? 1L : -1L));
            case "Pad", "PadV2" -> {
                int[] p = intConstant(n, 1); // [rank, 2] in TF axis order
                if (p.length != 2 * r) {
                    throw new ModelLoadException(graph.origin() + ": " + n.name() + " pads " + p.length / 2 + " axes of a rank-" + r + " value");
                }
                long[] pads = new long[2 * r]; // ONNX: every axis's start, then every axis's end
                for (int tf = 0; tf < r; tf++) {
                    int axis = r == 4 ? NCHW_AXIS[tf] : tf;
                    pads[axis] = p[2 * tf];
                    pads[r + axis] = p[2 * tf + 1];
                }
                int64Initializer(out + "/pads", pads);
                List<String> inputs = new ArrayList<>(List.of(value(x), out + "/pads"));
                if (n.op().equals("PadV2")) {
                    TfjsGraph.Constant v = floatConstant(n, 2);
                    initializer(out + "/value", new long[0], new float[] {v.floats()[0]});
                    inputs.add(out + "/value");
                }
                node("Pad", out, inputs, Map.of("mode", "constant"));
            }
            case "Reshape" -> {
                int[] target = intConstant(n, 1);
                long[] shape = new long[target.length];
                boolean inferred = false;
                for (int i = 0; i < target.length; i++) {
                    shape[i] = target[i];
                    inferred |= target[i] < 0;
                }
                // Converters freeze the batch of 1 they traced with into Reshape; keep the real batch.
                if (shape.length > 1 && shape[0] == 1 && !inferred) {
                    shape[0] = -1;
                }
                String src = value(x);
                if (r == 4) { // TF reshapes in NHWC order
                    node("Transpose", out + "/nhwc", List.of(src), Map.of("perm", new long[] {0, 2, 3, 1}));
                    src = out + "/nhwc";
                }
                int64Initializer(out + "/shape", shape);
                if (shape.length == 4) {
                    node("Reshape", out + "/reshaped", List.of(src, out + "/shape"), Map.of());
                    node("Transpose", out, List.of(out + "/reshaped"), Map.of("perm", new long[] {0, 3, 1, 2}));
                } else {
                    node("Reshape", out, List.of(src, out + "/shape"), Map.of());
                }
                rank.put(out, shape.length);
                return;
            }
            default -> throw new IllegalStateException("op " + n.op() + " passed the check but has no translation");
        }
        rank.put(out, r);
    }

    private static boolean sameAxes(long[] axes, long a, long b) {
        return axes.length == 2 && ((axes[0] == a && axes[1] == b) || (axes[0] == b && axes[1] == a));
    }

    private void conv(TfjsGraph.Node n, String x, String out) {
        boolean depthwise = n.op().equals("DepthwiseConv2dNative");
        TfjsGraph.Constant f = floatConstant(n, 1);
        long[] s = f.shape(); // HWIO, or HWCM for depthwise
        String w = n.inputs().get(1) + (depthwise ? "/chw1" : "/oihw");
        if (depthwise) {
            initializer(w, new long[] {s[2] * s[3], 1, s[0], s[1]}, f.permuted(2, 3, 0, 1));
        } else {
            initializer(w, new long[] {s[3], s[2], s[0], s[1]}, f.permuted(3, 2, 0, 1));
        }
        List<String> inputs = new ArrayList<>(List.of(x, w));
        List<String> fused = n.op().equals("_FusedConv2D") ? n.stringListAttr("fused_ops") : List.of();
        if (fused.contains("BiasAdd")) {
            TfjsGraph.Constant b = floatConstant(n, 2);
            initializer(b.name(), b.shape(), b.floats());
            inputs.add(b.name());
        }
        int[] strides = n.intListAttr("strides", new int[] {1, 1, 1, 1});
        int[] dil = n.intListAttr("dilations", new int[] {1, 1, 1, 1});
        Map<String, Object> attrs = new HashMap<>(Map.of("kernel_shape", new long[] {s[0], s[1]},
                "strides", new long[] {strides[1], strides[2]}, "dilations", new long[] {dil[1], dil[2]},
                "group", depthwise ? s[2] : 1L));
        if (n.stringAttr("padding", "VALID").equals("EXPLICIT")) {
            int[] e = n.intListAttr("explicit_paddings", new int[8]); // NHWC pairs: [before, after] per axis
            attrs.put("pads", new long[] {e[2], e[4], e[3], e[5]}); // top, left, bottom, right
        } else {
            attrs.put("auto_pad", autoPad(n));
        }
        boolean relu = fused.contains("Relu") || fused.contains("Relu6");
        String convOut = relu ? out + "/conv" : out;
        node("Conv", convOut, inputs, attrs);
        if (fused.contains("Relu")) {
            node("Relu", out, List.of(convOut), Map.of());
        } else if (fused.contains("Relu6")) {
            relu6(convOut, out);
        }
    }

    private void relu6(String x, String out) {
        initializer("relu6/min", new long[0], new float[] {0f});
        initializer("relu6/max", new long[0], new float[] {6f});
        node("Clip", out, List.of(x, "relu6/min", "relu6/max"), Map.of());
    }

    private static String autoPad(TfjsGraph.Node n) {
        String mode = n.stringAttr("padding", "VALID");
        return switch (mode) {
            case "SAME" -> "SAME_UPPER"; // TensorFlow, like SAME_UPPER, puts the odd pixel at the end
            case "VALID" -> "VALID";
            default -> throw new ModelLoadException(n.name() + ": padding " + mode + " is not translated");
        };
    }

    /** A binary op's operand: a computed value, or a float constant laid out for the other operand's rank. */
    private String operand(String name, int otherRank) {
        if (rank.containsKey(name)) {
            return value(name);
        }
        TfjsGraph.Constant c = graph.constants().get(name);
        if (c == null || !c.isFloat()) {
            throw new ModelLoadException(graph.origin() + ": operand " + name + " is neither computed nor a float constant");
        }
        long[] s = c.shape();
        if (otherRank == 4 && s.length == 1 && s[0] != 1) {
            // per-channel: broadcast over C of NCHW, not over W
            String key = name + "/c11";
            initializer(key, new long[] {s[0], 1, 1}, c.floats());
            return key;
        }
        if (s.length == 4) {
            String key = name + "/nchw";
            initializer(key, new long[] {s[0], s[3], s[1], s[2]}, c.permuted(0, 3, 1, 2));
            return key;
        }
        initializer(name, s, c.floats());
        return name;
    }

    private void initializer(String name, long[] dims, float[] values) {
        if (initialized.add(name)) {
            initializers.add(new OnnxInitializer(name, dims, OnnxInitializer.FLOAT, OnnxInitializer.toRaw(values)));
        }
    }

    private void int64Initializer(String name, long[] values) {
        if (initialized.add(name)) {
            initializers.add(new OnnxInitializer(name, new long[] {values.length}, OnnxInitializer.INT64, OnnxInitializer.toRaw(values)));
        }
    }

    private TfjsGraph.Constant floatConstant(TfjsGraph.Node n, int i) {
        TfjsGraph.Constant c = graph.constants().get(n.inputs().get(i));
        if (c == null || !c.isFloat()) {
            throw new ModelLoadException(graph.origin() + ": " + n.name() + " expects float weights in " + n.inputs().get(i));
        }
        return c;
    }

    private int[] intConstant(TfjsGraph.Node n, int i) {
        TfjsGraph.Constant c = graph.constants().get(n.inputs().get(i));
        if (c == null || c.isFloat()) {
            throw new ModelLoadException(graph.origin() + ": " + n.name() + " expects an int32 constant in " + n.inputs().get(i));
        }
        return c.ints();
    }
}
