package io.emospectrum.onnx;

import java.util.List;
import java.util.Map;

/**
 * One node of an ONNX graph: its name, operator, operator domain ({@code ""} for the standard
 * one), the names of its inputs and outputs, and its attributes ({@code Long} for INT,
 * {@code long[]} for INTS, {@code Float} for FLOAT, {@code String} for STRING). Readers that need
 * no attributes may leave them out; {@link OnnxModelWriter} writes all that are given.
 */
public record OnnxNode(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                       Map<String, Object> attributes) {
    public OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = Map.copyOf(attributes);
        for (Map.Entry<String, Object> a : attributes.entrySet()) {
            Object v = a.getValue();
            if (!(v instanceof Long) && !(v instanceof long[]) && !(v instanceof Float) && !(v instanceof String)) {
                throw new IllegalArgumentException("attribute " + a.getKey() + " of node " + name
                        + " is not an integer, integer list, float or string");
            }
        }
    }

    public OnnxNode(String name, String opType, List<String> inputs, List<String> outputs) {
        this(name, opType, "", inputs, outputs, Map.of());
    }
}
