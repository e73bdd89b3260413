package io.emospectrum.model;

import io.emospectrum.error.ChecksumMismatchException;
import io.emospectrum.error.ModelLoadException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The SHA-256 of every file of a model, in the format {@code sha256sum} writes and checks
 * ({@code <64 hex digits>  <relative path>} per line; {@code #} starts a comment). Shipped as
 * {@code SHA256SUMS} beside the model files, so {@code sha256sum -c SHA256SUMS} checks it too.
 */
public final class ModelManifest {
    /** The manifest's file name inside a model directory. */
    public static final String FILE_NAME = "SHA256SUMS";

    private final Map<String, String> sha256ByFile;

    private ModelManifest(Map<String, String> sha256ByFile) {
        this.sha256ByFile = Collections.unmodifiableMap(sha256ByFile);
    }

    public static ModelManifest parse(String text, String origin) {
        Map<String, String> entries = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : text.split("\\R")) {
            lineNo++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F]{64}")) {
                throw new ModelLoadException(origin + " line " + lineNo + ": expected '<sha256>  <file>', got '" + l + "'");
            }
            String file = parts[1].startsWith("*") ? parts[1].substring(1) : parts[1];
            if (file.startsWith("/") || file.contains("..")) {
                throw new ModelLoadException(origin + " line " + lineNo + ": file must be a relative path inside the model: " + file);
            }
            entries.put(file, parts[0].toLowerCase(Locale.ROOT));
        }
        if (entries.isEmpty()) {
            throw new ModelLoadException(origin + " lists no files");
        }
        return new ModelManifest(entries);
    }

    public static ModelManifest read(Path manifestFile) {
        try {
            return parse(Files.readString(manifestFile, StandardCharsets.UTF_8), manifestFile.toString());
        } catch (IOException e) {
            throw new ModelLoadException("cannot read model manifest " + manifestFile + ": " + e.getMessage(), e);
        }
    }

    /** Relative file path to lower-case hex SHA-256. */
    public Map<String, String> files() {
        return sha256ByFile;
    }

    /**
     * Checks every listed file under {@code dir}.
     *
     * @throws ChecksumMismatchException if a file differs
     * @throws ModelLoadException        if a file is missing or unreadable
     */
    public void verify(Path dir) {
        for (Map.Entry<String, String> e : sha256ByFile.entrySet()) {
            Path f = dir.resolve(e.getKey());
            String actual;
            try {
                actual = sha256(f);
            } catch (NoSuchFileException ex) {
                throw new ModelLoadException("model file " + f + " listed in " + FILE_NAME + " is missing", ex);
            } catch (IOException ex) {
                throw new ModelLoadException("cannot read model file " + f + ": " + ex.getMessage(), ex);
            }
            if (!actual.equals(e.getValue())) {
                throw new ChecksumMismatchException(f, e.getValue(), actual);
            }
        }
    }

    /** Lower-case hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /** Lower-case hex SHA-256 of a stream, read to its end. */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest md = newDigest();
        try (DigestInputStream din = new DigestInputStream(in, md)) {
            din.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
