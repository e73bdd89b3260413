package io.emospectrum.tools.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GoEmotions as distributed under {@code shared/data/text/goemotions}: {@code <split>.tsv} rows of
 * {@code text TAB comma-separated label ids TAB comment id}, {@code labels.txt} (id = line number)
 * and the authors' Ekman grouping in {@code ekman_mapping.json}.
 */
public record GoEmotionsCorpus(Path dir, List<String> labels, Map<String, List<String>> ekmanGroups) {

    /** One comment and its label ids. */
    public record Example(String text, int[] labels) {
    }

    public static GoEmotionsCorpus open(Path dir) throws IOException {
        io.emospectrum.tools.SharedData.require(dir, "GoEmotions");
        List<String> labels = Files.readAllLines(dir.resolve("labels.txt"), StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        JsonNode root = new ObjectMapper().readTree(dir.resolve("ekman_mapping.json").toFile());
        Map<String, List<String>> groups = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> {
            List<String> members = new ArrayList<>();
            e.getValue().forEach(n -> members.add(n.asText()));
            groups.put(e.getKey(), List.copyOf(members));
        });
        return new GoEmotionsCorpus(dir, labels, groups);
    }

    /** The default location: {@code -Demospectrum.shared.data}, else {@code ../shared/data}, then {@code text/goemotions}. */
    public static Path defaultDir() {
        return io.emospectrum.tools.SharedData.root().resolve("text").resolve("goemotions");
    }

    public List<Example> read(String split) throws IOException {
        List<Example> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(split + ".tsv"), StandardCharsets.UTF_8)) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length < 2) {
                throw new IOException(split + ".tsv: malformed row: " + line);
            }
            String[] ids = f[1].split(",");
            int[] l = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                l[i] = Integer.parseInt(ids[i].strip());
            }
            out.add(new Example(f[0], l));
        }
        return out;
    }

    /** For each label, the index of its category in {@link io.emospectrum.spectrum.EmotionCategory} order. */
    public int[] categoryOfLabel() {
        io.emospectrum.taxonomy.LabelMapping m = io.emospectrum.taxonomy.LabelMapping.fromJson(
                new java.io.ByteArrayInputStream(labelMappingJson().getBytes(StandardCharsets.UTF_8)), "ekman_mapping.json");
        int[] g = new int[labels.size()];
        for (int k = 0; k < g.length; k++) {
            float[] w = m.weights(labels.get(k)).toArray();
            for (int c = 1; c < w.length; c++) {
                if (w[c] > w[g[k]]) {
                    g[k] = c;
                }
            }
        }
        return g;
    }

    /** Multi-hot targets {@code [example][label]}. */
    public float[][] targets(List<Example> examples) {
        float[][] y = new float[examples.size()][labels.size()];
        for (int i = 0; i < y.length; i++) {
            for (int l : examples.get(i).labels()) {
                y[i][l] = 1f;
            }
        }
        return y;
    }

    /**
     * The label mapping JSON that {@link io.emospectrum.taxonomy.LabelMapping} reads: every
     * member of an Ekman group to its category ({@code joy} is HAPPINESS), {@code neutral} to NEUTRAL.
     */
    public String labelMappingJson() {
        Map<String, String> byLabel = new LinkedHashMap<>();
        for (String label : labels) {
            byLabel.put(label, label.equals("neutral") ? "NEUTRAL" : null);
        }
        ekmanGroups.forEach((group, members) -> {
            String category = switch (group) {
                case "joy" -> "HAPPINESS";
                case "sadness" -> "SADNESS";
                case "anger" -> "ANGER";
                case "fear" -> "FEAR";
                case "disgust" -> "DISGUST";
                case "surprise" -> "SURPRISE";
                default -> throw new IllegalStateException("unknown Ekman group " + group);
            };
            members.forEach(m -> byLabel.put(m, category));
        });
        StringBuilder sb = new StringBuilder("{\n  \"source\": \"GoEmotions ekman_mapping.json (Demszky et al. 2020); neutral -> NEUTRAL\",\n  \"mapping\": {\n");
        int i = 0;
        for (Map.Entry<String, String> e : byLabel.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalStateException("label " + e.getKey() + " is in no Ekman group");
            }
            sb.append("    \"").append(e.getKey()).append("\": \"").append(e.getValue()).append('"')
                    .append(++i < byLabel.size() ? ",\n" : "\n");
        }
        return sb.append("  }\n}\n").toString();
    }
}
