package io.emospectrum.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index of a batch output directory, {@code index.jsonl}: one line per input, in list order,
 * with its output file, status ({@code ok}, {@code failed}, {@code pending}), wall seconds, the
 * items written, the media seconds read (clips and audio) and the error of a failed input. It is
 * rewritten whole to a temporary file and renamed, so a reader never sees half of it.
 */
final class BatchIndex {
    static final String FILE = "index.jsonl";

    enum Status { OK, FAILED, PENDING }

    /**
     * One input's entry.
     *
     * @param seconds      wall time of its analysis; NaN when unknown (a result found on disk from
     *                     an earlier run whose index was not written)
     * @param mediaSeconds media time read, NaN for text
     */
    record Entry(String input, String output, Status status, double seconds, long items, double mediaSeconds, String error) {
        static Entry pending(String input, String output) {
            return new Entry(input, output, Status.PENDING, Double.NaN, 0, Double.NaN, null);
        }
    }

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    BatchIndex(Path dir) {
        this.file = dir.resolve(FILE);
    }

    /** The entries an earlier run wrote, by input; lines that do not parse are skipped. */
    Map<String, Entry> readPrevious() {
        Map<String, Entry> previous = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return previous;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    JsonNode n = json.readTree(line);
                    Entry e = new Entry(n.path("input").asText(), n.path("output").asText(),
                            Status.valueOf(n.path("status").asText("pending").toUpperCase(java.util.Locale.ROOT)),
                            n.path("seconds").asDouble(Double.NaN), n.path("items").asLong(),
                            n.path("mediaSeconds").asDouble(Double.NaN), n.hasNonNull("error") ? n.get("error").asText() : null);
                    previous.put(e.input(), e);
                } catch (JsonProcessingException | IllegalArgumentException skipped) {
                    // a line from another version or a damaged file: the input is simply run again
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return previous;
    }

    synchronized void put(Entry e) {
        entries.put(e.input(), e);
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** Writes the index to a temporary file and renames it over the old one. */
    synchronized void write() {
        Path tmp = file.resolveSibling("." + FILE + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (Entry e : entries.values()) {
                ObjectNode n = json.createObjectNode();
                n.put("input", e.input());
                n.put("output", e.output());
                n.put("status", e.status().name().toLowerCase(java.util.Locale.ROOT));
                putNumber(n, "seconds", e.seconds());
                n.put("items", e.items());
                putNumber(n, "mediaSeconds", e.mediaSeconds());
                if (e.error() != null) {
                    n.put("error", e.error());
                }
                w.write(json.writeValueAsString(n));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tmp, e);
        }
        BatchOutputs.moveAtomically(tmp, file);
    }

    private static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isNaN(v)) {
            n.putNull(key);
        } else {
            n.put(key, Math.round(v * 1000) / 1000.0);
        }
    }
}
