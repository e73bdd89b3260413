package io.emospectrum.image.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.emospectrum.error.ModelLoadException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs a {@link TfjsGraph} as a DJL {@link ai.djl.nn.Block}: each TensorFlow op becomes the DJL
 * operation that computes it, so the model runs on any DJL engine (PyTorch here), batches, and
 * moves to the GPU with the model.
 *
 * <p>Inputs and outputs are NHWC, as in TensorFlow. Inside, 4-D tensors are kept NCHW (the
 * layout PyTorch's convolutions want); filters are transposed once at load, and the ops whose
 * meaning depends on axes (Pad, Reshape, Mean, Softmax, ConcatV2) translate them.
 *
 * <p>Supported ops: {@link #SUPPORTED_OPS}. A graph with any other op fails at load, naming it.
 * Weights become DJL {@link Parameter}s, so the imported network can also be fine-tuned.
 */
public final class TfjsGraphBlock extends AbstractBlock {
    /** The TensorFlow ops this importer translates. */
    public static final Set<String> SUPPORTED_OPS = Set.of("Placeholder", "Const", "Identity", "_FusedConv2D", "Conv2D",
            "DepthwiseConv2dNative", "MaxPool", "AvgPool", "AddV2", "Add", "Sub", "Mul", "Relu", "Relu6", "Sigmoid",
            "Tanh", "Pad", "PadV2", "Reshape", "Mean", "Softmax", "ConcatV2");

    private static final Set<String> FUSED_OPS = Set.of("BiasAdd", "Relu", "Relu6");

    private final TfjsGraph graph;
    private final List<String> outputNames;
    /** Float constants as parameters, keyed by constant name and the role it was transformed for. */
    private final Map<String, Parameter> weights = new LinkedHashMap<>();
    private final Map<String, int[]> intConstants = new HashMap<>();

    private TfjsGraphBlock(TfjsGraph graph, List<String> outputNames) {
        this.graph = graph;
        this.outputNames = List.copyOf(outputNames);
    }

    /**
     * Builds the block with the graph's signature outputs; weights are allocated on {@code manager}
     * (the model's manager, so they live as long as the model).
     *
     * @param trainable whether the weights take gradients (fine-tuning) or not (inference)
     */
    public static TfjsGraphBlock create(TfjsGraph graph, NDManager manager, boolean trainable) {
        return create(graph, graph.outputNames(), manager, trainable);
    }

    public static TfjsGraphBlock create(TfjsGraph graph, List<String> outputNames, NDManager manager, boolean trainable) {
        Set<String> unsupported = graph.opsOutside(SUPPORTED_OPS, FUSED_OPS);
        Set<String> names = new TreeSet<>();
        for (TfjsGraph.Node n : graph.nodes()) {
            names.add(n.name());
        }
        if (!unsupported.isEmpty()) {
            throw new ModelLoadException(graph.origin() + " uses op(s) " + unsupported + " that the TF.js importer does not translate; supported: "
                    + new TreeSet<>(SUPPORTED_OPS));
        }
        for (String out : outputNames) {
            if (!names.contains(out)) {
                throw new ModelLoadException(graph.origin() + " has no output node " + out);
            }
        }
        TfjsGraphBlock block = new TfjsGraphBlock(graph, outputNames);
        block.prepareConstants(manager, trainable);
        return block;
    }

    private void prepareConstants(NDManager manager, boolean trainable) {
        for (TfjsGraph.Constant c : graph.constants().values()) {
            if (!c.isFloat()) {
                intConstants.put(c.name(), c.ints());
            }
        }
        for (TfjsGraph.Node n : graph.nodes()) {
            List<String> in = n.inputs();
            switch (n.op()) {
                case "_FusedConv2D", "Conv2D" -> {
                    weight(in.get(1), Role.FILTER, manager, trainable);
                    if (n.op().equals("_FusedConv2D")) {
                        weight(in.get(2), Role.RAW, manager, trainable);
                    }
                }
                case "DepthwiseConv2dNative" -> weight(in.get(1), Role.DEPTHWISE_FILTER, manager, trainable);
                default -> {
                    for (String i : in) {
                        TfjsGraph.Constant c = graph.constants().get(i);
                        if (c != null && c.isFloat()) {
                            weight(i, Role.RAW, manager, trainable);
                        }
                    }
                }
            }
        }
    }

    private enum Role { FILTER, DEPTHWISE_FILTER, RAW }

    private void weight(String constName, Role role, NDManager manager, boolean trainable) {
        String key = constName + "#" + role;
        if (weights.containsKey(key)) {
            return;
        }
        TfjsGraph.Constant c = graph.constants().get(constName);
        if (c == null || !c.isFloat()) {
            throw new ModelLoadException(graph.origin() + ": expected float weights in constant " + constName);
        }
        long[] s = c.shape();
        NDArray t = switch (role) {
            // OIHW, stored OIHW: see toNchw for why nothing here is "channels last".
            case FILTER -> manager.create(c.permuted(3, 2, 0, 1), new Shape(s[3], s[2], s[0], s[1]));
            // H, W, C, multiplier -> C*multiplier, 1, H, W (one input channel: both layouts agree)
            case DEPTHWISE_FILTER -> manager.create(c.permuted(2, 3, 0, 1), new Shape(s[2] * s[3], 1, s[0], s[1]));
            default -> manager.create(c.floats(), new Shape(s));
        };
        Parameter p = Parameter.builder().setName(key).setType(Parameter.Type.WEIGHT)
                .optArray(t).optRequiresGrad(trainable).build();
        weights.put(key, addParameter(p));
    }

    /**
     * The current value of every float constant in TensorFlow's layout (HWIO filters,
     * HWCM depthwise filters), for writing a fine-tuned graph back out.
     */
    public Map<String, float[]> exportConstants() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : weights.entrySet()) {
            String key = e.getKey();
            int hash = key.lastIndexOf('#');
            String name = key.substring(0, hash);
            Role role = Role.valueOf(key.substring(hash + 1));
            if (out.containsKey(name)) {
                continue;
            }
            NDArray a = e.getValue().getArray();
            long[] s = graph.constants().get(name).shape();
            NDArray tf = switch (role) {
                case FILTER -> a.transpose(2, 3, 1, 0); // OIHW -> HWIO
                case DEPTHWISE_FILTER -> a.reshape(s[2], s[3], s[0], s[1]).transpose(2, 3, 0, 1);
                default -> a;
            };
            out.put(name, tf.toFloatArray());
            if (tf != a) {
                tf.close();
            }
        }
        return out;
    }

    /** The trainable parameters (all weights of the graph). */
    public List<Parameter> weightParameters() {
        return List.copyOf(weights.values());
    }

    public TfjsGraph graph() {
        return graph;
    }

    public List<String> outputNames() {
        return outputNames;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        List<String> inputNames = graph.inputNames();
        if (inputs.size() != inputNames.size()) {
            throw new IllegalArgumentException("graph takes " + inputNames.size() + " input(s) " + inputNames + ", got " + inputs.size());
        }
        Map<String, NDArray> values = new HashMap<>();
        for (int i = 0; i < inputNames.size(); i++) {
            NDArray x = inputs.get(i);
            values.put(inputNames.get(i), x.getShape().dimension() == 4 ? toNchw(x) : x);
        }
        for (TfjsGraph.Node n : graph.nodes()) {
            if (n.op().equals("Placeholder") || n.op().equals("Const")) {
                continue;
            }
            values.put(n.name(), apply(n, values, ps, training));
        }
        NDList out = new NDList(outputNames.size());
        for (String name : outputNames) {
            NDArray v = values.get(name);
            if (v == null) {
                v = constant(name, inputs.head(), ps, training);
            }
            out.add(v.getShape().dimension() == 4 ? v.transpose(0, 2, 3, 1) : v);
        }
        return out;
    }

    private NDArray input(TfjsGraph.Node n, int i, Map<String, NDArray> values, NDArray like, ParameterStore ps, boolean training) {
        String name = n.inputs().get(i);
        NDArray v = values.get(name);
        return v != null ? v : constant(name, like, ps, training);
    }

    private NDArray constant(String name, NDArray like, ParameterStore ps, boolean training) {
        Parameter p = weights.get(name + "#" + Role.RAW);
        if (p != null) {
            return ps.getValue(p, like.getDevice(), training);
        }
        int[] ints = intConstants.get(name);
        if (ints != null) {
            return like.getManager().create(ints);
        }
        throw new IllegalStateException("no value for " + name);
    }

    private int[] ints(TfjsGraph.Node n, int i) {
        int[] v = intConstants.get(n.inputs().get(i));
        if (v == null) {
            throw new IllegalStateException(n.name() + ": input " + n.inputs().get(i) + " must be an int32 constant");
        }
        return v;
    }

    private NDArray apply(TfjsGraph.Node n, Map<String, NDArray> values, ParameterStore ps, boolean training) {
        NDArray x = values.get(n.inputs().isEmpty() ? null : n.inputs().get(0));
        if (x == null) {
            throw new IllegalStateException(n.name() + ": first input " + n.inputs() + " is not computed");
        }
        switch (n.op()) {
            case "Identity":
                return x;
            case "Relu":
                return x.getNDArrayInternal().relu();
            case "Relu6":
                return x.clip(0, 6);
            case "Sigmoid":
                return x.getNDArrayInternal().sigmoid();
            case "Tanh":
                return x.tanh();
            case "_FusedConv2D":
            case "Conv2D":
                return conv(n, x, ps, training, false);
            case "DepthwiseConv2dNative":
                return conv(n, x, ps, training, true);
            case "MaxPool":
            case "AvgPool":
                return pool(n, x);
            case "AddV2":
            case "Add":
            case "Sub":
            case "Mul": {
                NDArray y = alignTo(input(n, 1, values, x, ps, training), x);
                x = alignTo(x, y);
                return switch (n.op()) {
                    case "Sub" -> x.sub(y);
                    case "Mul" -> x.mul(y);
                    default -> x.add(y);
                };
            }
            case "Pad":
            case "PadV2":
                return pad(n, x, values, ps, training);
            case "Reshape":
                return reshape(n, x);
            case "Mean":
                return mean(n, x);
            case "Softmax":
                return x.softmax(x.getShape().dimension() == 4 ? 1 : -1);
            case "ConcatV2":
                return concat(n, values, ps, training);
            default:
                throw new IllegalStateException("op " + n.op() + " passed the load check but has no translation");
        }
    }

    /**
     * NHWC to NCHW, laid out NCHW in memory, not as a transposed ("channels last") view. On PyTorch
     * a channels-last activation sends every convolution down oneDNN's NHWC kernels, and on AVX-512
     * CPUs (seen on AMD Zen 4) its 1x1 kernel writes wrong values into the output channels past the
     * last full block of 16: BlazeFace's 32 -> 36 convolution was off by up to 5 in channels 32-35
     * while the same call on AVX2 kernels (ONEDNN_MAX_CPU_ISA=AVX2), or on NCHW memory, was exact.
     * NCHW is also what cuDNN and oneDNN's blocked kernels take without a reorder. Flattening a
     * permuted view copies it in logical order, so the reshape back is dense NCHW on any engine.
     */
    static NDArray toNchw(NDArray nhwc) {
        Shape s = nhwc.getShape();
        return nhwc.transpose(0, 3, 1, 2).flatten().reshape(s.get(0), s.get(3), s.get(1), s.get(2));
    }

    /** A 1-D per-channel constant against an NCHW tensor broadcasts over C, not W. */
    private static NDArray alignTo(NDArray c, NDArray other) {
        if (c.getShape().dimension() == 1 && other.getShape().dimension() == 4 && c.getShape().get(0) == other.getShape().get(1)
                && c.getShape().get(0) != 1) {
            return c.reshape(1, c.getShape().get(0), 1, 1);
        }
        return c;
    }

    private NDArray conv(TfjsGraph.Node n, NDArray x, ParameterStore ps, boolean training, boolean depthwise) {
        if (!n.stringAttr("data_format", "NHWC").equals("NHWC")) {
            throw new IllegalStateException(n.name() + ": only NHWC graphs are supported");
        }
        NDArray w = ps.getValue(weights.get(n.inputs().get(1) + "#" + (depthwise ? Role.DEPTHWISE_FILTER : Role.FILTER)),
                x.getDevice(), training);
        int[] strides = n.intListAttr("strides", new int[] {1, 1, 1, 1});
        int[] dil = n.intListAttr("dilations", new int[] {1, 1, 1, 1});
        long kh = w.getShape().get(2);
        long kw = w.getShape().get(3);
        long[] pad = padding(n, x, kh, kw, strides, dil);
        NDArray in = x;
        Shape convPad;
        if (pad[0] == pad[1] && pad[2] == pad[3]) {
            convPad = new Shape(pad[0], pad[2]);
        } else {
            in = x.pad(new Shape(pad[2], pad[3], pad[0], pad[1]), 0); // torch order: last axis (W) first
            convPad = new Shape(0, 0);
        }
        NDArray bias = null;
        List<String> fused = n.op().equals("_FusedConv2D") ? n.stringListAttr("fused_ops") : List.of();
        if (fused.contains("BiasAdd")) {
            bias = ps.getValue(weights.get(n.inputs().get(2) + "#" + Role.RAW), x.getDevice(), training);
        }
        int groups = depthwise ? (int) x.getShape().get(1) : 1;
        NDArray y = Conv2d.conv2d(in, w, bias, new Shape(strides[1], strides[2]), convPad,
                new Shape(dil[1], dil[2]), groups).singletonOrThrow();
        if (fused.contains("Relu")) {
            y = y.getNDArrayInternal().relu();
        } else if (fused.contains("Relu6")) {
            y = y.clip(0, 6);
        }
        return y;
    }

    /** {top, bottom, left, right} padding for SAME (TensorFlow puts the odd pixel at the end) or VALID. */
    private static long[] padding(TfjsGraph.Node n, NDArray x, long kh, long kw, int[] strides, int[] dil) {
        String mode = n.stringAttr("padding", "VALID");
        if (mode.equals("VALID")) {
            return new long[4];
        }
        if (mode.equals("EXPLICIT")) {
            int[] e = n.intListAttr("explicit_paddings", new int[8]);
            return new long[] {e[2], e[3], e[4], e[5]};
        }
        long[] out = new long[4];
        long[] in = {x.getShape().get(2), x.getShape().get(3)};
        long[] k = {(kh - 1) * dil[1] + 1, (kw - 1) * dil[2] + 1};
        for (int d = 0; d < 2; d++) {
            int s = strides[d + 1];
            long outSize = (in[d] + s - 1) / s;
            long total = Math.max((outSize - 1) * s + k[d] - in[d], 0);
            out[2 * d] = total / 2;
            out[2 * d + 1] = total - total / 2;
        }
        return out;
    }

    private static NDArray pool(TfjsGraph.Node n, NDArray x) {
        int[] ksize = n.intListAttr("ksize", null);
        int[] strides = n.intListAttr("strides", null);
        long[] pad = padding(n, x, ksize[1], ksize[2], strides, new int[] {1, 1, 1, 1});
        Shape kernel = new Shape(ksize[1], ksize[2]);
        Shape stride = new Shape(strides[1], strides[2]);
        boolean max = n.op().equals("MaxPool");
        if (!max && (pad[0] | pad[1] | pad[2] | pad[3]) != 0) {
            throw new IllegalStateException(n.name() + ": AvgPool with SAME padding is not supported");
        }
        if (pad[0] == pad[1] && pad[2] == pad[3]) {
            Shape p = new Shape(pad[0], pad[2]);
            return max ? Pool.maxPool2d(x, kernel, stride, p, false) : Pool.avgPool2d(x, kernel, stride, p, false, false);
        }
        // Padded cells never win a max: TensorFlow ignores them, -inf does the same.
        NDArray padded = x.pad(new Shape(pad[2], pad[3], pad[0], pad[1]), Double.NEGATIVE_INFINITY);
        return Pool.maxPool2d(padded, kernel, stride, new Shape(0, 0), false);
    }

    private NDArray pad(TfjsGraph.Node n, NDArray x, Map<String, NDArray> values, ParameterStore ps, boolean training) {
        int[] p = ints(n, 1); // [rank, 2] in TF axis order
        double value = 0;
        if (n.op().equals("PadV2")) {
            value = input(n, 2, values, x, ps, training).toFloatArray()[0];
        }
        int rank = p.length / 2;
        int[] tfAxisOfDim = rank == 4 ? new int[] {0, 3, 1, 2} : identity(rank); // our dim -> TF axis
        long[] torch = new long[2 * rank];
        for (int dim = rank - 1, j = 0; dim >= 0; dim--, j++) {
            int tf = tfAxisOfDim[dim];
            torch[2 * j] = p[2 * tf];
            torch[2 * j + 1] = p[2 * tf + 1];
        }
        return x.pad(new Shape(torch), value);
    }

    private NDArray reshape(TfjsGraph.Node n, NDArray x) {
        int[] target = ints(n, 1).clone();
        NDArray tf = x.getShape().dimension() == 4 ? x.transpose(0, 2, 3, 1) : x;
        long batch = tf.getShape().dimension() > 0 ? tf.getShape().get(0) : 1;
        long rest = 1;
        for (int i = 1; i < target.length; i++) {
            rest *= target[i];
        }
        // Converters freeze the batch of 1 they traced with into Reshape; keep the real batch.
        if (target.length > 1 && target[0] == 1 && batch != 1 && rest > 0 && rest * batch == tf.getShape().size()) {
            target[0] = -1;
        }
        long[] s = new long[target.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = target[i];
        }
        NDArray y = tf.reshape(new Shape(s));
        return y.getShape().dimension() == 4 ? toNchw(y) : y;
    }

    private NDArray mean(TfjsGraph.Node n, NDArray x) {
        int[] axes = ints(n, 1).clone();
        boolean keep = n.boolAttr("keep_dims", false);
        int rank = x.getShape().dimension();
        for (int i = 0; i < axes.length; i++) {
            axes[i] = axes[i] < 0 ? axes[i] + rank : axes[i];
        }
        if (rank == 4) {
            java.util.Arrays.sort(axes);
            if (java.util.Arrays.equals(axes, new int[] {1, 2})) {
                return meanOver(x, new int[] {2, 3}, keep); // global average pooling: [N, C] either way
            }
            NDArray tf = x.transpose(0, 2, 3, 1);
            NDArray y = meanOver(tf, axes, keep);
            return y.getShape().dimension() == 4 ? toNchw(y) : y;
        }
        return meanOver(x, axes, keep);
    }

    /** PyTorch's DJL mean takes one axis at a time: reduce from the last axis down. */
    private static NDArray meanOver(NDArray x, int[] axes, boolean keep) {
        int[] sorted = axes.clone();
        java.util.Arrays.sort(sorted);
        NDArray y = x;
        for (int i = sorted.length - 1; i >= 0; i--) {
            y = y.mean(new int[] {sorted[i]}, keep);
        }
        return y;
    }

    private NDArray concat(TfjsGraph.Node n, Map<String, NDArray> values, ParameterStore ps, boolean training) {
        int last = n.inputs().size() - 1;
        int axis = ints(n, last)[0];
        NDArray first = values.get(n.inputs().get(0));
        int rank = first.getShape().dimension();
        axis = axis < 0 ? axis + rank : axis;
        if (rank == 4) {
            axis = new int[] {0, 2, 3, 1}[axis];
        }
        NDList parts = new NDList();
        for (int i = 0; i < last; i++) {
            parts.add(input(n, i, values, first, ps, training));
        }
        return ai.djl.ndarray.NDArrays.concat(parts, axis);
    }

    private static int[] identity(int rank) {
        int[] a = new int[rank];
        for (int i = 0; i < rank; i++) {
            a[i] = i;
        }
        return a;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        // Shapes follow from running the graph once on zeros; only used when a trainer initializes.
        NDManager base = weights.isEmpty() ? null : weights.values().iterator().next().getArray().getManager();
        try (NDManager m = base != null ? base.newSubManager() : NDManager.newBaseManager()) {
            NDList in = new NDList();
            for (Shape s : inputShapes) {
                in.add(m.zeros(s, DataType.FLOAT32));
            }
            NDList out = forwardInternal(new ParameterStore(m, false), in, false, null);
            List<Shape> shapes = new ArrayList<>();
            out.forEach(a -> shapes.add(a.getShape()));
            return shapes.toArray(new Shape[0]);
        }
    }
}
