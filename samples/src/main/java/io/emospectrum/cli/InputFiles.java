package io.emospectrum.cli;

import io.emospectrum.error.InvalidInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files a media subcommand reads: files named on the command line, directories expanded
 * (recursively, sorted, by extension), or the lines of a {@code --list} file (paths relative to the
 * working directory; blank lines and {@code #} comments skipped). Named files that do not exist
 * are kept, so they are reported in order as errors of their own.
 */
final class InputFiles {
    private InputFiles() {
    }

    static List<Path> collect(List<Path> args, Path list, Set<String> extensions, String what) {
        if (list != null && !args.isEmpty()) {
            throw new InvalidInputException("give " + what + " files as arguments or --list, not both");
        }
        List<Path> out = new ArrayList<>();
        if (list != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(list, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new InvalidInputException("--list " + list + ": no such file");
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new InvalidInputException("--list " + list + ": cannot read it as UTF-8 text (" + e.getMessage() + ")");
            }
            for (String l : lines) {
                String t = l.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(Path.of(t));
                }
            }
        } else {
            for (Path p : args) {
                if (Files.isDirectory(p)) {
                    out.addAll(expand(p, extensions));
                } else {
                    out.add(p);
                }
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("no " + what + " files to read" + (list != null ? " in " + list : "")
                    + (args.isEmpty() && list == null ? ": pass FILE|DIR arguments or --list FILE" : ""));
        }
        return out;
    }

    private static List<Path> expand(Path dir, Set<String> extensions) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> extensions.contains(extension(f))).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException("cannot list directory " + dir + ": " + e.getMessage());
        }
    }

    static String extension(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
