package io.emospectrum.tools.voice;

import io.emospectrum.error.ConfigurationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The speech clips that {@code scripts/data/prepare_speech_corpora.sh} lists in its
 * {@code manifest.tsv} ({@code path corpus speaker label original}, paths relative to the manifest),
 * with labels in the seven categories ({@link #LABELS}; RAVDESS and TurEV-DB "calm" are neutral).
 */
public final class SpeechCorpora {
    /** The multi-corpus model's labels, one per category, in this order. */
    public static final List<String> LABELS = List.of("neutral", "happy", "sad", "angry", "fearful", "disgust", "surprised");
    /** The corpora in the order tables list them. */
    public static final List<String> CORPORA = List.of("ravdess", "tess", "nemo", "ased", "turev");

    /**
     * One clip.
     *
     * @param file    16 kHz mono WAV
     * @param corpus  one of {@link #CORPORA}
     * @param speaker corpus-prefixed speaker id (unique across corpora)
     * @param label   index into {@link #LABELS}
     */
    public record Clip(Path file, String corpus, String speaker, int label) {
    }

    private SpeechCorpora() {
    }

    /** The clips a manifest lists; a missing file or an unknown label is a {@link ConfigurationException}. */
    public static List<Clip> read(Path manifest) {
        if (!Files.isRegularFile(manifest)) {
            throw new ConfigurationException("no speech manifest at " + manifest
                    + ": run scripts/data/prepare_speech_corpora.sh first (see docs/data.md)");
        }
        Path dir = manifest.toAbsolutePath().getParent();
        List<Clip> clips = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(manifest);
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split("\t");
                if (f.length < 4) {
                    throw new ConfigurationException(manifest + " line " + (i + 1) + ": expected path, corpus, speaker, label");
                }
                int label = LABELS.indexOf(f[3]);
                if (label < 0) {
                    throw new ConfigurationException(manifest + " line " + (i + 1) + ": unknown label " + f[3] + "; labels: " + LABELS);
                }
                clips.add(new Clip(dir.resolve(f[0]), f[1], f[2], label));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return clips;
    }

    /** Clips grouped by corpus, in {@link #CORPORA} order, then any other corpus. */
    public static Map<String, List<Clip>> byCorpus(List<Clip> clips) {
        Map<String, List<Clip>> out = new LinkedHashMap<>();
        for (String c : CORPORA) {
            List<Clip> of = clips.stream().filter(x -> x.corpus().equals(c)).toList();
            if (!of.isEmpty()) {
                out.put(c, of);
            }
        }
        for (Clip c : clips) {
            if (!out.containsKey(c.corpus())) {
                out.put(c.corpus(), clips.stream().filter(x -> x.corpus().equals(c.corpus())).toList());
            }
        }
        return out;
    }

    /**
     * At most {@code max} clips of each corpus, spread evenly over its manifest order (which lists a
     * corpus speaker by speaker), so that every speaker keeps its share; 0 keeps all.
     */
    public static List<Clip> cap(List<Clip> clips, int max) {
        if (max <= 0) {
            return clips;
        }
        List<Clip> out = new ArrayList<>();
        for (List<Clip> of : byCorpus(clips).values()) {
            if (of.size() <= max) {
                out.addAll(of);
            } else {
                for (int i = 0; i < max; i++) {
                    out.add(of.get((int) ((long) i * of.size() / max)));
                }
            }
        }
        return out;
    }

    /** Writes a model's label mapping: each of {@link #LABELS} to its spectrum category, in order. */
    static void writeLabelMapping(Path file) throws IOException {
        List<String> categories = List.of("NEUTRAL", "HAPPINESS", "SADNESS", "ANGER", "FEAR", "DISGUST", "SURPRISE");
        StringBuilder mapping = new StringBuilder("{\n  \"mapping\": {\n");
        for (int i = 0; i < LABELS.size(); i++) {
            mapping.append("    \"").append(LABELS.get(i)).append("\": \"").append(categories.get(i)).append('"')
                    .append(i + 1 < LABELS.size() ? ",\n" : "\n");
        }
        Files.writeString(file, mapping.append("  }\n}\n").toString(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Index of a model's label in {@link #LABELS} (RAVDESS "calm" is neutral), or -1. */
    public static int categoryOf(String modelLabel) {
        return "calm".equals(modelLabel) ? 0 : LABELS.indexOf(modelLabel);
    }
}
