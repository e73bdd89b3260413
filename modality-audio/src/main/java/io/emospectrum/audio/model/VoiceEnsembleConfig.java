package io.emospectrum.audio.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.emospectrum.error.ModelLoadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model directory that holds several independently trained voice nets read on the same windows
 * ({@value #FILE_NAME}). Each member keeps its own settings, feature statistics, labels and
 * temperature in {@code MEMBER.voice-model.json}, {@code MEMBER.label-mapping.json} and
 * {@code MEMBER-0000.params}; their probabilities are mapped to the ensemble's labels (one per
 * category), combined, and calibrated once with the ensemble's temperature.
 *
 * @param name        model name reported in readings
 * @param version     model version
 * @param labels      the ensemble's output labels; its {@code label-mapping.json} maps each to one category
 * @param combination how the members' probabilities are combined
 * @param temperature the combined probabilities p become p^(1/T), renormalized (fitted on held-out data); 0 means 1
 * @param members     the members' names (file prefixes), at least two
 * @param training    provenance: which members, how the temperature was fitted, figures
 */
public record VoiceEnsembleConfig(
        String name,
        String version,
        List<String> labels,
        Combination combination,
        float temperature,
        List<String> members,
        Map<String, Object> training) {

    public static final String FILE_NAME = "voice-ensemble.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** How members' probabilities become one distribution. */
    public enum Combination {
        /** The arithmetic mean of the members' probabilities. */
        MEAN,
        /** The normalized geometric mean (the mean of log-probabilities): a member sure that a category is wrong vetoes it. */
        LOG_LINEAR
    }

    public VoiceEnsembleConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        labels = List.copyOf(labels);
        Objects.requireNonNull(combination, "combination");
        members = List.copyOf(members);
        training = training == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(training));
        if (members.size() < 2) {
            throw new IllegalArgumentException("an ensemble needs at least two members, got " + members);
        }
        if (temperature == 0f) {
            temperature = 1f;
        }
        if (!(temperature > 0f) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite: " + temperature);
        }
    }

    /** File holding a member's settings. */
    public static String memberConfigFile(String member) {
        return member + "." + VoiceModelConfig.FILE_NAME;
    }

    /** File holding a member's label mapping. */
    public static String memberMappingFile(String member) {
        return member + "." + VoiceModel.LABEL_MAPPING_FILE;
    }

    public VoiceEnsembleConfig withTemperature(float t) {
        return new VoiceEnsembleConfig(name, version, labels, combination, t, members, training);
    }

    public VoiceEnsembleConfig withTraining(Map<String, Object> info) {
        return new VoiceEnsembleConfig(name, version, labels, combination, temperature, members, info);
    }

    public static VoiceEnsembleConfig read(Path file) {
        try {
            return JSON.readValue(Files.readAllBytes(file), VoiceEnsembleConfig.class);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot read voice ensemble settings " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) throws IOException {
        Files.write(file, JSON.writeValueAsBytes(this));
    }
}
