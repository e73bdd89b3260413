package io.emospectrum.text.byo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emospectrum.error.ModelLoadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What a Hugging Face sequence-classification export says about itself: labels from
 * {@code config.json}'s {@code id2label}, multi-label or not from {@code problem_type}, and which
 * DJL engine runs its weights ({@code model.onnx}: OnnxRuntime, {@code model.pt}: PyTorch).
 *
 * @param labels     label names by id
 * @param multiLabel sigmoid per label ({@code problem_type: multi_label_classification}) or softmax
 * @param engine     DJL engine name
 * @param name       model name for readings ({@code _name_or_path}, else the directory name)
 */
public record HfClassifierConfig(List<String> labels, boolean multiLabel, String engine, String name) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public HfClassifierConfig {
        labels = List.copyOf(labels);
    }

    public static HfClassifierConfig read(Path dir) {
        Path config = dir.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new ModelLoadException("model directory " + dir + " has no config.json (a Hugging Face export with id2label)");
        }
        if (!Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            throw new ModelLoadException("model directory " + dir + " has no tokenizer.json");
        }
        String engine;
        if (Files.isRegularFile(dir.resolve("model.onnx"))) {
            engine = "OnnxRuntime";
        } else if (Files.isRegularFile(dir.resolve("model.pt"))) {
            engine = "PyTorch";
        } else {
            throw new ModelLoadException("model directory " + dir + " has neither model.onnx nor model.pt (TorchScript)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(config));
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + config + ": " + e.getMessage(), e);
        }
        JsonNode id2label = root.get("id2label");
        if (id2label == null || !id2label.isObject() || id2label.isEmpty()) {
            throw new ModelLoadException(config + " has no id2label object");
        }
        TreeMap<Integer, String> byId = new TreeMap<>();
        id2label.fields().forEachRemaining(e -> {
            try {
                byId.put(Integer.parseInt(e.getKey()), e.getValue().asText());
            } catch (NumberFormatException ex) {
                throw new ModelLoadException(config + ": id2label key '" + e.getKey() + "' is not an integer");
            }
        });
        if (byId.firstKey() != 0 || byId.lastKey() != byId.size() - 1) {
            throw new ModelLoadException(config + ": id2label ids must be 0.." + (byId.size() - 1) + ", are " + byId.keySet());
        }
        List<String> labels = new ArrayList<>(byId.values());
        boolean multi = "multi_label_classification".equals(root.path("problem_type").asText(""));
        String name = root.path("_name_or_path").asText("");
        if (name.isBlank()) {
            name = dir.toAbsolutePath().normalize().getFileName().toString();
        }
        return new HfClassifierConfig(labels, multi, engine, name);
    }
}
