package io.emospectrum.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * File names in a batch output directory: each input's result is {@code <file name>-<8 hex>.jsonl},
 * the hex digits from the input's absolute path so that two inputs with one name never share a
 * result; it is written as a hidden {@code .tmp} file first and renamed when complete.
 */
final class BatchOutputs {
    static final String TMP_SUFFIX = ".tmp";

    private BatchOutputs() {
    }

    static String resultName(Path input) {
        String key = input.toAbsolutePath().normalize().toString();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return input.getFileName() + "-" + HexFormat.of().formatHex(digest, 0, 4) + ".jsonl";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    static Path temporary(Path result) {
        return result.resolveSibling("." + result.getFileName() + TMP_SUFFIX);
    }

    /** Deletes what an interrupted run left half-written. */
    static int deleteLeftovers(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            int n = 0;
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".")
                    && p.getFileName().toString().endsWith(TMP_SUFFIX)).toList()) {
                Files.deleteIfExists(p);
                n++;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Renames {@code from} to {@code to} in one step where the file system can (POSIX rename). */
    static void moveAtomically(Path from, Path to) {
        try {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + from + " to " + to, e);
        }
    }
}
