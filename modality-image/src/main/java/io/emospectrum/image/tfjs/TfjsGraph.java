package io.emospectrum.image.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emospectrum.error.ModelLoadException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parsed TensorFlow.js graph model ({@code model.json} with {@code "format": "graph-model"} and
 * its binary weight shards): the nodes of the TensorFlow {@code GraphDef} in topological order and
 * the decoded constant tensors. Engine-free; {@link TfjsGraphBlock} turns it into DJL operations.
 */
public final class TfjsGraph {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One node of the graph; {@code inputs} are node names (output index and control edges removed). */
    public record Node(String name, String op, List<String> inputs, Map<String, JsonNode> attrs) {
        public Node {
            inputs = List.copyOf(inputs);
            attrs = Collections.unmodifiableMap(new LinkedHashMap<>(attrs));
        }

        /** A string attribute (TF.js stores them base64-encoded). */
        public String stringAttr(String key, String fallback) {
            JsonNode a = attrs.get(key);
            if (a == null || !a.has("s")) {
                return fallback;
            }
            return new String(Base64.getDecoder().decode(a.get("s").asText()), StandardCharsets.UTF_8);
        }

        public List<String> stringListAttr(String key) {
            JsonNode a = attrs.get(key);
            List<String> out = new ArrayList<>();
            if (a != null && a.has("list") && a.get("list").has("s")) {
                for (JsonNode s : a.get("list").get("s")) {
                    out.add(new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8));
                }
            }
            return out;
        }

        public int[] intListAttr(String key, int[] fallback) {
            JsonNode a = attrs.get(key);
            if (a == null || !a.has("list") || !a.get("list").has("i")) {
                return fallback;
            }
            JsonNode l = a.get("list").get("i");
            int[] out = new int[l.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = Integer.parseInt(l.get(i).asText());
            }
            return out;
        }

        public boolean boolAttr(String key, boolean fallback) {
            JsonNode a = attrs.get(key);
            return a == null || !a.has("b") ? fallback : a.get("b").asBoolean();
        }
    }

    /** A constant tensor from the weight shards: float32 or int32 values with their TF (NHWC/HWIO) shape. */
    public record Constant(String name, long[] shape, float[] floats, int[] ints) {
        public boolean isFloat() {
            return floats != null;
        }

        public long size() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        /**
         * The float values with their axes reordered to {@code order} (output axis i is input
         * axis {@code order[i]}), as a dense row-major array: how filters change layout, e.g.
         * TensorFlow's HWIO to OIHW with {@code permuted(3, 2, 0, 1)}.
         */
        public float[] permuted(int... order) {
            float[] data = floats;
            int rank = shape.length;
            if (order.length != rank) {
                throw new IllegalArgumentException(name + ": " + order.length + " axes for a tensor of rank " + rank);
            }
            long[] stride = new long[rank];
            stride[rank - 1] = 1;
            for (int d = rank - 2; d >= 0; d--) {
                stride[d] = stride[d + 1] * shape[d + 1];
            }
            float[] out = new float[data.length];
            int[] idx = new int[rank]; // position in the output, in output axis order
            for (int o = 0; o < out.length; o++) {
                long src = 0;
                for (int d = 0; d < rank; d++) {
                    src += idx[d] * stride[order[d]];
                }
                out[o] = data[(int) src];
                for (int d = rank - 1; d >= 0; d--) {
                    if (++idx[d] < shape[order[d]]) {
                        break;
                    }
                    idx[d] = 0;
                }
            }
            return out;
        }
    }

    private final String origin;
    private final List<Node> nodes;
    private final Map<String, Constant> constants;
    private final List<String> inputNames;
    private final List<String> outputNames;
    private final String format;
    private final Map<String, long[]> inputShapes;

    private TfjsGraph(String origin, List<Node> nodes, Map<String, Constant> constants, List<String> inputNames,
                      List<String> outputNames, String format, Map<String, long[]> inputShapes) {
        this.origin = origin;
        this.nodes = List.copyOf(nodes);
        this.constants = Collections.unmodifiableMap(constants);
        this.inputNames = List.copyOf(inputNames);
        this.outputNames = List.copyOf(outputNames);
        this.format = format;
        this.inputShapes = Map.copyOf(inputShapes);
    }

    /**
     * Reads {@code modelJson} and the weight shards it names (from the same directory).
     *
     * @throws ModelLoadException if a file is missing or malformed, or not a graph model
     */
    public static TfjsGraph read(Path modelJson) {
        JsonNode root;
        try {
            root = JSON.readTree(modelJson.toFile());
        } catch (IOException e) {
            throw new ModelLoadException("cannot read TF.js model " + modelJson + ": " + e.getMessage(), e);
        }
        String origin = modelJson.toString();
        String format = root.path("format").asText("");
        if (!format.equals("graph-model")) {
            throw new ModelLoadException(origin + " is not a TF.js graph model (format '" + format + "')");
        }
        JsonNode nodeArray = root.path("modelTopology").path("node");
        if (!nodeArray.isArray() || nodeArray.isEmpty()) {
            throw new ModelLoadException(origin + " has no modelTopology.node");
        }
        List<Node> nodes = new ArrayList<>();
        for (JsonNode n : nodeArray) {
            List<String> inputs = new ArrayList<>();
            for (JsonNode in : n.path("input")) {
                String s = in.asText();
                if (s.startsWith("^")) {
                    continue; // control dependency: no data flows
                }
                int colon = s.lastIndexOf(':');
                if (colon > 0 && s.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                    if (!s.substring(colon + 1).equals("0")) {
                        throw new ModelLoadException(origin + ": node " + n.path("name").asText()
                                + " reads output " + s + "; only single-output ops are supported");
                    }
                    s = s.substring(0, colon);
                }
                inputs.add(s);
            }
            Map<String, JsonNode> attrs = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.path("attr").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                attrs.put(e.getKey(), e.getValue());
            }
            nodes.add(new Node(n.path("name").asText(), n.path("op").asText(), inputs, attrs));
        }
        Map<String, Constant> constants = readWeights(modelJson.toAbsolutePath().getParent(), root.path("weightsManifest"), origin);
        List<String> inputs = new ArrayList<>();
        for (Node n : nodes) {
            if (n.op().equals("Placeholder")) {
                inputs.add(n.name());
            }
        }
        List<String> outputs = signatureOutputs(root, nodes);
        return new TfjsGraph(origin, topologicalOrder(nodes, origin), constants, inputs, outputs, format, signatureInputShapes(root));
    }

    /** Input name (without {@code :0}) to its declared shape ({@code -1} for any size), from the signature. */
    private static Map<String, long[]> signatureInputShapes(JsonNode root) {
        JsonNode sig = root.path("userDefinedMetadata").path("signature").path("inputs");
        if (sig.isMissingNode()) {
            sig = root.path("signature").path("inputs");
        }
        Map<String, long[]> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = sig.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode dims = e.getValue().path("tensorShape").path("dim");
            long[] shape = new long[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = dims.get(i).path("size").asLong(-1);
            }
            out.put(e.getKey().replaceAll(":0$", ""), shape);
        }
        return out;
    }

    /** The declared shape of input {@code name} in the graph's signature, if it declares one. */
    public java.util.Optional<long[]> inputShape(String name) {
        long[] s = inputShapes.get(name);
        return s == null ? java.util.Optional.empty() : java.util.Optional.of(s.clone());
    }

    private static List<String> signatureOutputs(JsonNode root, List<Node> nodes) {
        JsonNode sig = root.path("userDefinedMetadata").path("signature").path("outputs");
        if (sig.isMissingNode()) {
            sig = root.path("signature").path("outputs");
        }
        // Sorted by name so that Identity, Identity_1, ... keep the order the converter numbered them in.
        TreeMap<String, String> sorted = new TreeMap<>((a, b) -> {
            int c = Integer.compare(a.length(), b.length());
            return c != 0 ? c : a.compareTo(b);
        });
        Iterator<Map.Entry<String, JsonNode>> it = sig.fields();
        while (it.hasNext()) {
            String name = it.next().getValue().path("name").asText();
            int colon = name.lastIndexOf(':');
            String node = colon > 0 ? name.substring(0, colon) : name;
            sorted.put(node, node);
        }
        if (sorted.isEmpty()) {
            // No signature: the nodes nobody consumes are the outputs.
            Map<String, Boolean> consumed = new HashMap<>();
            for (Node n : nodes) {
                n.inputs().forEach(i -> consumed.put(i, true));
            }
            for (Node n : nodes) {
                if (!consumed.containsKey(n.name()) && !n.op().equals("Const")) {
                    sorted.put(n.name(), n.name());
                }
            }
        }
        return new ArrayList<>(sorted.values());
    }

    private static List<Node> topologicalOrder(List<Node> nodes, String origin) {
        Map<String, Node> byName = new LinkedHashMap<>();
        for (Node n : nodes) {
            byName.put(n.name(), n);
        }
        List<Node> order = new ArrayList<>(nodes.size());
        Map<String, Integer> state = new HashMap<>(); // 1 visiting, 2 done
        for (Node n : nodes) {
            visit(n, byName, state, order, origin);
        }
        return order;
    }

    private static void visit(Node n, Map<String, Node> byName, Map<String, Integer> state, List<Node> order, String origin) {
        Integer s = state.get(n.name());
        if (s != null) {
            if (s == 1) {
                throw new ModelLoadException(origin + ": the graph has a cycle through " + n.name());
            }
            return;
        }
        state.put(n.name(), 1);
        for (String in : n.inputs()) {
            Node dep = byName.get(in);
            if (dep == null) {
                throw new ModelLoadException(origin + ": node " + n.name() + " reads unknown node " + in);
            }
            visit(dep, byName, state, order, origin);
        }
        state.put(n.name(), 2);
        order.add(n);
    }

    private static Map<String, Constant> readWeights(Path dir, JsonNode manifest, String origin) {
        Map<String, Constant> out = new LinkedHashMap<>();
        for (JsonNode group : manifest) {
            ByteBuffer data;
            try {
                List<byte[]> shards = new ArrayList<>();
                int total = 0;
                for (JsonNode p : group.path("paths")) {
                    Path shard = dir.resolve(p.asText()).normalize();
                    if (!shard.startsWith(dir)) {
                        throw new ModelLoadException(origin + ": weight path " + p.asText() + " leaves the model directory");
                    }
                    byte[] b = Files.readAllBytes(shard);
                    shards.add(b);
                    total += b.length;
                }
                data = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
                shards.forEach(data::put);
                data.flip();
            } catch (IOException e) {
                throw new ModelLoadException(origin + ": cannot read weight shard: " + e.getMessage(), e);
            }
            for (JsonNode w : group.path("weights")) {
                String name = w.path("name").asText();
                long[] shape = new long[w.path("shape").size()];
                long count = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = w.path("shape").get(i).asLong();
                    count *= shape[i];
                }
                String dtype = w.path("dtype").asText();
                JsonNode q = w.path("quantization");
                try {
                    if (!q.isMissingNode() && !q.isNull()) {
                        out.put(name, dequantize(name, shape, (int) count, q, data, origin));
                    } else if (dtype.equals("float32")) {
                        float[] f = new float[(int) count];
                        data.asFloatBuffer().get(f);
                        data.position(data.position() + 4 * f.length);
                        out.put(name, new Constant(name, shape, f, null));
                    } else if (dtype.equals("int32")) {
                        int[] v = new int[(int) count];
                        data.asIntBuffer().get(v);
                        data.position(data.position() + 4 * v.length);
                        out.put(name, new Constant(name, shape, null, v));
                    } else {
                        throw new ModelLoadException(origin + ": weight " + name + " has unsupported dtype " + dtype);
                    }
                } catch (java.nio.BufferUnderflowException e) {
                    throw new ModelLoadException(origin + ": weight shards end before weight " + name, e);
                }
            }
            if (data.hasRemaining()) {
                throw new ModelLoadException(origin + ": " + data.remaining() + " bytes of weights are not described by the manifest");
            }
        }
        return out;
    }

    // TF.js affine quantization: value = q * scale + min (uint8 / uint16), or float16.
    private static Constant dequantize(String name, long[] shape, int count, JsonNode q, ByteBuffer data, String origin) {
        String qdtype = q.path("dtype").asText();
        float[] f = new float[count];
        if (qdtype.equals("uint8") || qdtype.equals("uint16")) {
            float scale = (float) q.path("scale").asDouble();
            float min = (float) q.path("min").asDouble();
            for (int i = 0; i < count; i++) {
                int v = qdtype.equals("uint8") ? Byte.toUnsignedInt(data.get()) : Short.toUnsignedInt(data.getShort());
                f[i] = v * scale + min;
            }
        } else if (qdtype.equals("float16")) {
            for (int i = 0; i < count; i++) {
                f[i] = halfToFloat(data.getShort());
            }
        } else {
            throw new ModelLoadException(origin + ": weight " + name + " has unsupported quantization " + qdtype);
        }
        return new Constant(name, shape, f, null);
    }

    private static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0) {
            return (sign == 0 ? 1 : -1) * mant * 0x1p-24f; // subnormal
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    public String origin() {
        return origin;
    }

    public String format() {
        return format;
    }

    /** All nodes, each after the nodes it reads. */
    public List<Node> nodes() {
        return nodes;
    }

    public Map<String, Constant> constants() {
        return constants;
    }

    /** The {@code Placeholder} nodes, in graph order. */
    public List<String> inputNames() {
        return inputNames;
    }

    /** The signature's outputs (e.g. {@code Identity}, {@code Identity_1}, ...), in numbered order. */
    public List<String> outputNames() {
        return outputNames;
    }

    /** Number of float weights, as a check against the published size of a model. */
    /**
     * The ops of this graph outside {@code ops}, and {@code _FusedConv2D+X} for each fused
     * activation X outside {@code fusedOps}, in name order: empty if a translator covers the graph.
     */
    public java.util.SortedSet<String> opsOutside(java.util.Set<String> ops, java.util.Set<String> fusedOps) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        for (Node n : nodes) {
            if (!ops.contains(n.op())) {
                out.add(n.op());
            }
            if (n.op().equals("_FusedConv2D")) {
                for (String f : n.stringListAttr("fused_ops")) {
                    if (!fusedOps.contains(f)) {
                        out.add("_FusedConv2D+" + f);
                    }
                }
            }
        }
        return out;
    }

    public long floatWeightCount() {
        return constants.values().stream().filter(Constant::isFloat).mapToLong(Constant::size).sum();
    }
}
