package io.emospectrum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emospectrum.error.InvalidInputException;

import java.io.IOException;
import java.io.PrintWriter;
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
            if (Files.exists(list) && !Files.isRegularFile(list)) {
                throw new InvalidInputException("--list " + list + " is not a regular file (a directory, device or pipe)");
            }
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

    /** Reads one file into its output object; returns what was wrong with a file read only in part. */
    @FunctionalInterface
    interface ItemReader {
        List<String> read(Path file, ObjectNode out);
    }

    /**
     * Writes one object per file: {@code "file"} plus what {@code read} adds (and {@code "warnings"}
     * for a file read only in part), or {@code "error"} (and a line on stderr) when the file cannot
     * be read; the other files are still read.
     *
     * @return the exit code: OK, or PARTIAL when some files failed or were read only in part
     */
    static int readEach(List<Path> inputs, JsonLines out, PrintWriter err, ItemReader read) {
        int failed = 0;
        for (Path f : inputs) {
            ObjectNode o = out.object();
            o.put("file", f.toString());
            try {
                List<String> warnings = read.read(f, o);
                if (!warnings.isEmpty()) {
                    com.fasterxml.jackson.databind.node.ArrayNode w = o.putArray("warnings");
                    warnings.forEach(w::add);
                    for (String message : warnings) {
                        err.println("emospectrum: warning: " + message);
                    }
                    err.flush();
                    failed++;
                }
            } catch (RuntimeException | OutOfMemoryError e) {
                if (ItemFailure.endsTheRun(e)) {
                    throw e;
                }
                String message = ItemFailure.message(e);
                o.removeAll();
                o.put("file", f.toString());
                o.put("error", message);
                // the path once: most messages already name the file
                err.println("emospectrum: " + (message.contains(f.toString()) ? message : f + ": " + message));
                err.flush();
                failed++;
            }
            out.write(o);
        }
        return failed == 0 ? EmoSpectrumCli.EXIT_OK : EmoSpectrumCli.EXIT_PARTIAL;
    }
}
