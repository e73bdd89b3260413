package io.emospectrum.taxonomy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.error.UnmappedLabelException;
import io.emospectrum.spectrum.EmotionCategory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's declaration of how its own labels map to the seven categories: one-to-one,
 * many-to-one, or spread over several with weights.
 *
 * <p>Declared in JSON, one entry per label; the value is a category name, a list of names
 * (equal weights) or an object of weights:
 * <pre>{@code
 * { "mapping": {
 *     "joy": "HAPPINESS",
 *     "calm": "NEUTRAL",
 *     "nervousness": ["FEAR", "SURPRISE"],
 *     "disappointment": { "SADNESS": 0.7, "ANGER": 0.3 } } }
 * }</pre>
 * {@link #bind(List)} checks the declaration against the model's labels when the model loads:
 * an unmapped label fails there, never as a silent 0.
 */
public final class LabelMapping {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, CategoryWeights> entries;

    private LabelMapping(Map<String, CategoryWeights> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The identity mapping for models whose labels are the seven category names. */
    public static LabelMapping identity() {
        Builder b = builder();
        for (EmotionCategory c : EmotionCategory.ordered()) {
            b.map(c.key(), c);
        }
        return b.build();
    }

    public static LabelMapping fromJson(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("label mapping " + file + (Files.exists(file) ? " is not a regular file" : " does not exist"));
        }
        try (InputStream in = Files.newInputStream(file)) {
            return fromJson(in, file.toString());
        } catch (IOException e) {
            throw new ModelLoadException("cannot read label mapping " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a mapping; {@code origin} names the source in error messages. */
    public static LabelMapping fromJson(InputStream in, String origin) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new ModelLoadException("label mapping " + origin + " is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode mapping = root == null ? null : root.get("mapping");
        if (mapping == null || !mapping.isObject()) {
            throw new ModelLoadException("label mapping " + origin + " needs an object \"mapping\": {label: category, ...}");
        }
        Builder b = builder();
        Iterator<Map.Entry<String, JsonNode>> fields = mapping.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            try {
                b.map(f.getKey(), parseWeights(f.getValue()));
            } catch (IllegalArgumentException e) {
                throw new ModelLoadException("label mapping " + origin + ", label '" + f.getKey() + "': " + e.getMessage(), e);
            }
        }
        return b.build();
    }

    private static CategoryWeights parseWeights(JsonNode v) {
        if (v.isTextual()) {
            return CategoryWeights.of(EmotionCategory.parse(v.asText()));
        }
        Map<EmotionCategory, Double> w = new EnumMap<>(EmotionCategory.class);
        if (v.isArray()) {
            for (JsonNode n : v) {
                w.put(EmotionCategory.parse(n.asText()), 1.0);
            }
        } else if (v.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = v.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNumber()) {
                    throw new IllegalArgumentException("weight for " + e.getKey() + " must be a number");
                }
                w.put(EmotionCategory.parse(e.getKey()), e.getValue().asDouble());
            }
        } else {
            throw new IllegalArgumentException("expected a category name, a list of names or an object of weights, got " + v);
        }
        return CategoryWeights.of(w);
    }

    /** Labels this mapping declares, in declaration order. */
    public List<String> labels() {
        return List.copyOf(entries.keySet());
    }

    public CategoryWeights weights(String label) {
        CategoryWeights w = entries.get(label);
        if (w == null) {
            throw new UnmappedLabelException(List.of(label));
        }
        return w;
    }

    /**
     * Binds the mapping to a model's labels, in the model's output order.
     *
     * @throws UnmappedLabelException if a model label has no entry
     * @throws ModelLoadException     if the mapping names labels the model does not have (a typo
     *                                that would otherwise hide an unmapped label)
     */
    public BoundLabelMapping bind(List<String> modelLabels) {
        List<String> missing = new ArrayList<>();
        for (String label : modelLabels) {
            if (!entries.containsKey(label)) {
                missing.add(label);
            }
        }
        if (!missing.isEmpty()) {
            throw new UnmappedLabelException(missing);
        }
        List<String> extra = new ArrayList<>(entries.keySet());
        extra.removeAll(modelLabels);
        if (!extra.isEmpty()) {
            throw new ModelLoadException("label mapping names label(s) " + extra + " that the model does not have; model labels: " + modelLabels);
        }
        float[][] matrix = new float[modelLabels.size()][];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = entries.get(modelLabels.get(i)).toArray();
        }
        return new BoundLabelMapping(List.copyOf(modelLabels), matrix);
    }

    @Override
    public String toString() {
        return "LabelMapping" + entries;
    }

    /** Collects entries; a label declared twice is an error. */
    public static final class Builder {
        private final Map<String, CategoryWeights> entries = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder map(String label, EmotionCategory category) {
            return map(label, CategoryWeights.of(category));
        }

        public Builder map(String label, CategoryWeights weights) {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("label must not be blank");
            }
            if (entries.putIfAbsent(label, weights) != null) {
                throw new IllegalArgumentException("label '" + label + "' is mapped twice");
            }
            return this;
        }

        public LabelMapping build() {
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("a label mapping needs at least one entry");
            }
            return new LabelMapping(entries);
        }
    }
}
