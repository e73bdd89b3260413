package io.emospectrum.text.onnx;

import io.emospectrum.error.ModelLoadException;
import io.emospectrum.onnx.OnnxInitializer;
import io.emospectrum.onnx.OnnxNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a dynamically quantized graph (onnxruntime {@code quantize_dynamic}) into one whose
 * activations are quantized per row (per token) instead of per tensor, which makes a text's
 * result independent of the other texts in its batch and a little more accurate.
 *
 * <p>{@code DynamicQuantizeLinear} picks one scale for the whole {@code [batch, tokens, hidden]}
 * tensor, so a long or unusual neighbour changes every other row's rounding. Here each row is
 * divided by its own {@code max|x|} and quantized with a fixed scale of 1/127 around 128
 * (symmetric uint8: onnxruntime's {@code MatMulInteger} takes only one activation zero point);
 * the integer product goes through onnxruntime's fused {@code MatMulIntegerToFloat} with that
 * fixed scale and the weights' per-column scales, and is then multiplied back by the row's
 * {@code max|x|}. Rewritten per quantization site:
 * <pre>
 * DynamicQuantizeLinear(x) -> q, s, z                 Abs, ReduceMax(axis -1) -> m; Max(m, eps) -> m'
 *                                           becomes    QuantizeLinear(x / m', 1/127, 128) -> q
 * MatMulInteger(q, W, z, zw) -> Cast -> Mul(_, s*sw)   MatMulIntegerToFloat(q, W, 1/127, sw, 128, zw) * m'
 * </pre>
 * The fused operator's own graph fusion must not see the per-row factor (it would take the first
 * row's scale for all), which is why the row factor is a separate {@code Mul} after it.
 */
public final class RowQuantization {
    /** Operator set of onnxruntime's contrib operators ({@code MatMulIntegerToFloat}). */
    public static final String CONTRIB_DOMAIN = "com.microsoft";
    static final String INV_127 = "rowq_inv127";
    static final String EPS = "rowq_eps";
    static final String ZERO_POINT = "rowq_zero_point";
    /** Floor of a row's max|x|: an all-zero row quantizes to zeros instead of dividing by zero. */
    private static final float MIN_ROW_MAX = 1e-8f;

    private RowQuantization() {
    }

    /** The edit for {@code graph}; fails if the graph is not the {@code quantize_dynamic} pattern this understands. */
    public static OnnxGraphEdit of(OnnxGraph graph) {
        Map<String, OnnxNode> producer = new HashMap<>();
        Map<String, List<OnnxNode>> consumers = new HashMap<>();
        Map<String, Integer> nameCount = new HashMap<>();
        for (OnnxNode n : graph.nodes()) {
            for (String o : n.outputs()) {
                producer.put(o, n);
            }
            for (String i : n.inputs()) {
                consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
            }
            nameCount.merge(n.name(), 1, Integer::sum);
        }
        Map<String, List<OnnxNode>> edits = new LinkedHashMap<>();
        Map<String, String> rowMaxOfQuantized = new HashMap<>();
        Set<String> handledScaleUsers = new HashSet<>();
        for (OnnxNode n : graph.nodes()) {
            if (!n.opType().equals("DynamicQuantizeLinear")) {
                continue;
            }
            String x = n.inputs().get(0);
            String q = n.outputs().get(0);
            String p = n.name() + "_rowq";
            String rowMax = p + "_max";
            edits.put(n.name(), List.of(
                    node(p + "_abs", "Abs", List.of(x), p + "_abs", Map.of()),
                    node(p + "_reducemax", "ReduceMax", List.of(p + "_abs"), p + "_absmax",
                            Map.of("axes", new long[]{-1}, "keepdims", 1L)),
                    node(p + "_floor", "Max", List.of(p + "_absmax", EPS), rowMax, Map.of()),
                    node(p + "_unit", "Div", List.of(x, rowMax), p + "_unit", Map.of()),
                    node(p + "_quantize", "QuantizeLinear", List.of(p + "_unit", INV_127, ZERO_POINT), q, Map.of())));
            rowMaxOfQuantized.put(q, rowMax);
        }
        if (rowMaxOfQuantized.isEmpty()) {
            throw unsupported("it has no DynamicQuantizeLinear node");
        }
        for (OnnxNode mm : graph.nodes()) {
            if (!mm.opType().equals("MatMulInteger") || !rowMaxOfQuantized.containsKey(mm.inputs().get(0))) {
                continue;
            }
            OnnxNode cast = only(consumers, mm.outputs().get(0), "Cast");
            OnnxNode mul = only(consumers, cast.outputs().get(0), "Mul");
            String scaleProduct = other(mul, cast.outputs().get(0));
            OnnxNode scaleMul = producer.get(scaleProduct);
            OnnxNode dql = producer.get(mm.inputs().get(0));
            String activationScale = dql.outputs().get(1);
            if (scaleMul == null || !scaleMul.opType().equals("Mul") || !scaleMul.inputs().contains(activationScale)) {
                throw unsupported("the output scale of " + mm.name() + " is not activation scale x weight scale");
            }
            String weightScale = other(scaleMul, activationScale);
            String unscaled = mul.outputs().get(0) + "_rowq_unit";
            edits.put(mm.name(), List.of(
                    new OnnxNode(mm.name() + "_rowq", "MatMulIntegerToFloat", CONTRIB_DOMAIN,
                            List.of(mm.inputs().get(0), mm.inputs().get(1), INV_127, weightScale, ZERO_POINT, mm.inputs().get(3)),
                            List.of(unscaled), Map.of()),
                    node(mm.name() + "_rowq_rescale", "Mul", List.of(unscaled, rowMaxOfQuantized.get(mm.inputs().get(0))),
                            mul.outputs().get(0), Map.of())));
            edits.put(cast.name(), List.of());
            edits.put(mul.name(), List.of());
            edits.put(scaleMul.name(), List.of());
            handledScaleUsers.add(scaleMul.name());
            handledScaleUsers.add(mm.name());
        }
        // Every use of the old per-tensor scale and zero point must have been rewritten.
        for (OnnxNode n : graph.nodes()) {
            if (!n.opType().equals("DynamicQuantizeLinear")) {
                continue;
            }
            for (String out : n.outputs().subList(1, 3)) {
                for (OnnxNode user : consumers.getOrDefault(out, List.of())) {
                    if (!handledScaleUsers.contains(user.name())) {
                        throw unsupported(user.name() + " (" + user.opType() + ") reads " + out);
                    }
                }
            }
        }
        List<OnnxInitializer> constants = List.of(
                new OnnxInitializer(INV_127, new long[0], OnnxInitializer.FLOAT, OnnxInitializer.toRaw(new float[]{1f / 127f})),
                new OnnxInitializer(EPS, new long[0], OnnxInitializer.FLOAT, OnnxInitializer.toRaw(new float[]{MIN_ROW_MAX})),
                new OnnxInitializer(ZERO_POINT, new long[0], OnnxInitializer.UINT8, new byte[]{(byte) 128}));
        for (OnnxInitializer c : constants) {
            if (graph.initializers().containsKey(c.name())) {
                throw unsupported("it already has an initializer named " + c.name() + " (rewritten twice?)");
            }
        }
        for (String name : edits.keySet()) {
            if (name.isEmpty() || nameCount.get(name) != 1) {
                throw unsupported("a node to rewrite has no name of its own ('" + name + "')");
            }
        }
        return new OnnxGraphEdit(edits, constants, Map.of(CONTRIB_DOMAIN, 1L));
    }

    private static OnnxNode node(String name, String op, List<String> inputs, String output, Map<String, Object> attributes) {
        return new OnnxNode(name, op, "", inputs, List.of(output), attributes);
    }

    private static OnnxNode only(Map<String, List<OnnxNode>> consumers, String tensor, String op) {
        List<OnnxNode> users = consumers.getOrDefault(tensor, List.of());
        if (users.size() != 1 || !users.get(0).opType().equals(op)) {
            throw unsupported(tensor + " should feed exactly one " + op + ", it feeds " + users.stream().map(OnnxNode::opType).toList());
        }
        return users.get(0);
    }

    private static String other(OnnxNode binary, String known) {
        if (binary.inputs().size() != 2 || !binary.inputs().contains(known)) {
            throw unsupported(binary.name() + " is not a two-input node reading " + known);
        }
        return binary.inputs().get(0).equals(known) ? binary.inputs().get(1) : binary.inputs().get(0);
    }

    private static ModelLoadException unsupported(String why) {
        return new ModelLoadException("cannot quantize this graph's activations per row: " + why);
    }
}
