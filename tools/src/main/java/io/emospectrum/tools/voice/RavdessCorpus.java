package io.emospectrum.tools.voice;

import io.emospectrum.error.ConfigurationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The RAVDESS speech clips under a directory ({@code Actor_NN/03-01-EE-II-SS-RR-AA.wav}), split by
 * actor so that no speaker is in two splits: train 01-16, validate 17-18, test 19-20.
 */
public final class RavdessCorpus {
    /** RAVDESS emotion codes 01-08, in this order: the model's labels. */
    public static final List<String> LABELS = List.of("neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised");
    public static final Set<Integer> TRAIN_ACTORS = range(1, 16);
    public static final Set<Integer> VALIDATION_ACTORS = range(17, 18);
    public static final Set<Integer> TEST_ACTORS = range(19, 20);

    private static final Pattern NAME = Pattern.compile("03-01-(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)\\.wav");

    private RavdessCorpus() {
    }

    /** The default location: {@code -Demospectrum.shared.data}, else {@code ../shared/data}, plus {@code speech/ravdess}. */
    public static Path defaultDirectory() {
        return io.emospectrum.tools.SharedData.root().resolve(Path.of("speech", "ravdess"));
    }

    /** All clips of the given actors, sorted by path (a fixed order for reproducible runs). */
    public static List<RavdessClip> clips(Path dir, Set<Integer> actors) {
        io.emospectrum.tools.SharedData.require(dir, "RAVDESS");
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .map(RavdessCorpus::parse)
                    .filter(c -> c != null && actors.contains(c.actor()))
                    .sorted((a, b) -> a.file().toString().compareTo(b.file().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The clip a file name describes, or null if it is not a RAVDESS speech file name. */
    public static RavdessClip parse(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return null;
        }
        int emotion = Integer.parseInt(m.group(1));
        if (emotion < 1 || emotion > 8) {
            return null;
        }
        return new RavdessClip(file, emotion - 1, Integer.parseInt(m.group(5)));
    }

    public static Set<Integer> range(int from, int to) {
        java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
        for (int i = from; i <= to; i++) {
            s.add(i);
        }
        return java.util.Collections.unmodifiableSet(s);
    }

    /** Parses {@code "19-20"}, {@code "1,3,5-7"} or {@code "none"}. */
    public static Set<Integer> parseActors(String text) {
        java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
        if (text.isBlank() || text.trim().equalsIgnoreCase("none")) {
            return s;
        }
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.contains("-")) {
                String[] ab = p.split("-");
                s.addAll(range(Integer.parseInt(ab[0].trim()), Integer.parseInt(ab[1].trim())));
            } else if (!p.isEmpty()) {
                s.add(Integer.parseInt(p));
            }
        }
        return s;
    }
}
