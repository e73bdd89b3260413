package io.emospectrum.tools.face;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.image.tfjs.TfjsGraph;
import io.emospectrum.image.tfjs.TfjsGraph.Constant;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes trained weights back into a TF.js graph model (the runtime only reads them). */
public final class TfjsGraphWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TfjsGraphWriter() {
    }

    /**
     * Rewrites the declared shape of every signature input of {@code modelJson} (in place), e.g. for
     * a fully convolutional network fine-tuned at another input size.
     */
    public static void setSignatureInputShape(Path modelJson, long[] shape) {
        try {
            JsonNode root = JSON.readTree(modelJson.toFile());
            JsonNode sig = root.path("userDefinedMetadata").path("signature").path("inputs");
            if (sig.isMissingNode()) {
                sig = root.path("signature").path("inputs");
            }
            for (JsonNode in : sig) {
                com.fasterxml.jackson.databind.node.ArrayNode dims = ((com.fasterxml.jackson.databind.node.ObjectNode) in)
                        .putObject("tensorShape").putArray("dim");
                for (long d : shape) {
                    dims.addObject().put("size", Long.toString(d));
                }
            }
            JSON.writeValue(modelJson.toFile(), root);
        } catch (IOException e) {
            throw new ModelLoadException("cannot rewrite " + modelJson + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a copy of {@code modelJson}'s graph next to {@code outJson} with its float weights
     * replaced by {@code values} (same names, shapes and manifest order) in one shard.
     */
    public static void writeWithWeights(Path modelJson, Path outJson, Map<String, float[]> values) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(modelJson.toFile());
            TfjsGraph g = TfjsGraph.read(modelJson);
            String shard = outJson.getFileName().toString().replaceAll("\\.json$", "") + ".bin";
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            for (JsonNode group : root.path("weightsManifest")) {
                for (JsonNode w : group.path("weights")) {
                    Constant c = g.constants().get(w.path("name").asText());
                    ByteBuffer b = ByteBuffer.allocate((int) (4 * c.size())).order(ByteOrder.LITTLE_ENDIAN);
                    if (c.isFloat()) {
                        float[] v = values.getOrDefault(c.name(), c.floats());
                        if (v.length != c.size()) {
                            throw new IllegalArgumentException("weight " + c.name() + " needs " + c.size() + " values, got " + v.length);
                        }
                        b.asFloatBuffer().put(v);
                    } else {
                        b.asIntBuffer().put(c.ints());
                    }
                    bytes.write(b.array());
                    ((com.fasterxml.jackson.databind.node.ObjectNode) w).remove("quantization");
                    ((com.fasterxml.jackson.databind.node.ObjectNode) w).put("dtype", c.isFloat() ? "float32" : "int32");
                }
            }
            com.fasterxml.jackson.databind.node.ArrayNode manifest = JSON.createArrayNode();
            com.fasterxml.jackson.databind.node.ObjectNode group = manifest.addObject();
            group.putArray("paths").add(shard);
            com.fasterxml.jackson.databind.node.ArrayNode all = group.putArray("weights");
            root.path("weightsManifest").forEach(gr -> gr.path("weights").forEach(all::add));
            root.set("weightsManifest", manifest);
            Files.createDirectories(outJson.toAbsolutePath().getParent());
            JSON.writeValue(outJson.toFile(), root);
            Files.write(outJson.resolveSibling(shard), bytes.toByteArray());
        } catch (IOException e) {
            throw new ModelLoadException("cannot write " + outJson + ": " + e.getMessage(), e);
        }
    }
}
