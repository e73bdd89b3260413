package io.emospectrum.text.onnx;

import io.emospectrum.onnx.OnnxInitializer;
import io.emospectrum.onnx.OnnxNode;

import java.util.List;
import java.util.Map;

/**
 * Changes to an ONNX graph's structure, applied by {@link OnnxGraph#rewrite}: nodes replaced in
 * place (by name; an empty list removes the node, so the graph stays topologically sorted as long
 * as each replacement only reads tensors produced before its position), initializers added, and
 * operator sets imported (domain to version, e.g. {@code com.microsoft} for onnxruntime's
 * contrib operators).
 */
public record OnnxGraphEdit(Map<String, List<OnnxNode>> replacedNodes, List<OnnxInitializer> addedInitializers,
                            Map<String, Long> addedOpsets) {
    public static final OnnxGraphEdit NONE = new OnnxGraphEdit(Map.of(), List.of(), Map.of());

    public OnnxGraphEdit {
        replacedNodes = Map.copyOf(replacedNodes);
        addedInitializers = List.copyOf(addedInitializers);
        addedOpsets = Map.copyOf(addedOpsets);
    }
}
