package io.emospectrum.text.onnx;

import java.util.List;
import java.util.Map;

/**
 * One node of an ONNX graph: its name, operator, operator domain ({@code ""} for the standard
 * one), the names of its inputs and outputs, and its integer attributes ({@code Long} for INT,
 * {@code long[]} for INTS). Nodes read from a file carry no attributes (nothing here needs them);
 * nodes written by {@link OnnxGraph#rewrite(java.nio.file.Path, java.nio.file.Path, Map, OnnxGraphEdit)}
 * carry all of theirs.
 */
public record OnnxNode(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                       Map<String, Object> attributes) {
    public OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = Map.copyOf(attributes);
        for (Map.Entry<String, Object> a : attributes.entrySet()) {
            if (!(a.getValue() instanceof Long) && !(a.getValue() instanceof long[])) {
                throw new IllegalArgumentException("attribute " + a.getKey() + " of node " + name + " is not an integer or integer list");
            }
        }
    }

    public OnnxNode(String name, String opType, List<String> inputs, List<String> outputs) {
        this(name, opType, "", inputs, outputs, Map.of());
    }
}
