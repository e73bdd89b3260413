package io.emospectrum.model;

import io.emospectrum.error.ChecksumMismatchException;
import io.emospectrum.error.ModelLoadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * Turns a {@link ModelSource} into verified files on local disk. Class-path models are copied
 * once into a cache directory ({@code -Demospectrum.cache.dir}, default
 * {@code ~/.emospectrum/cache}); every file is checked against {@code SHA256SUMS} on every load.
 */
public final class ModelFiles {
    static {
        NetworkPolicy.apply(); // before any DJL engine starts: offline, no telemetry
    }

    /** The system property that moves the cache of extracted class-path models. */
    public static final String CACHE_PROPERTY = "emospectrum.cache.dir";

    private static final Logger LOG = LoggerFactory.getLogger(ModelFiles.class);

    private final Path cacheDir;

    public ModelFiles(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** The directory that extracted and assembled models live in. */
    public Path directory() {
        return cacheDir;
    }

    /** Uses {@code -Demospectrum.cache.dir}, else {@code ~/.emospectrum/cache}. */
    public static ModelFiles defaultCache() {
        String p = System.getProperty(CACHE_PROPERTY);
        return new ModelFiles(p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), ".emospectrum", "cache"));
    }

    /**
     * Local, verified files for {@code source}: a directory for class-path sources and for local
     * directories, the file itself for a local file. URLs are returned as null: DJL fetches those.
     *
     * @param requireManifest whether a local directory without {@code SHA256SUMS} is refused (bundled
     *                        class-path models always need one)
     */
    public Path materialize(ModelSource source, boolean requireManifest) {
        if (source instanceof ModelSource.Classpath cp) {
            return extract(cp);
        }
        if (source instanceof ModelSource.LocalPath lp) {
            return verifyLocal(lp.path(), requireManifest);
        }
        return null;
    }

    private Path verifyLocal(Path path, boolean requireManifest) {
        if (!Files.exists(path)) {
            throw new ModelLoadException("model path " + path + " does not exist");
        }
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        Path manifest = dir.resolve(ModelManifest.FILE_NAME);
        if (Files.isRegularFile(manifest)) {
            ModelManifest.read(manifest).verify(dir);
        } else if (requireManifest) {
            throw new ModelLoadException("model directory " + dir + " has no " + ModelManifest.FILE_NAME
                    + " manifest; write one with: (cd " + dir + " && sha256sum * > " + ModelManifest.FILE_NAME + ")");
        } else {
            LOG.warn("model {} has no {}: its files are not verified", dir, ModelManifest.FILE_NAME);
        }
        return path;
    }

    private Path extract(ModelSource.Classpath cp) {
        String manifestResource = cp.directory() + "/" + ModelManifest.FILE_NAME;
        String manifestText;
        try (InputStream in = cp.loader().getResourceAsStream(manifestResource)) {
            if (in == null) {
                throw new ModelLoadException("no model at classpath:" + cp.directory() + " (missing " + manifestResource
                        + "); is the module that ships it on the classpath?");
            }
            manifestText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + manifestResource + ": " + e.getMessage(), e);
        }
        String manifestSha = HexFormat.of().formatHex(ModelManifest.newDigest().digest(manifestText.getBytes(StandardCharsets.UTF_8)));
        if (cp.manifestSha256() != null && !cp.manifestSha256().equals(manifestSha)) {
            // the jar's manifest is not the one this code was released with: files and manifest may both be altered
            throw new ChecksumMismatchException("the model manifest classpath:" + manifestResource + " is not the one released with this "
                    + "code (SHA-256 " + manifestSha + ", expected " + cp.manifestSha256() + "): the jar was altered; refusing to load it",
                    "classpath:" + manifestResource, cp.manifestSha256(), manifestSha);
        }
        ModelManifest manifest = ModelManifest.parse(manifestText, "classpath:" + manifestResource);
        // The cache key changes whenever any file's checksum does, so a new model version never
        // reuses an old extraction.
        String key = manifestSha.substring(0, 16);
        String leaf = cp.directory().substring(cp.directory().lastIndexOf('/') + 1);
        Path dir = cacheDir.resolve("models").resolve(leaf + "-" + key);
        try {
            Files.createDirectories(dir);
            Path manifestCopy = dir.resolve(ModelManifest.FILE_NAME);
            if (!Files.isRegularFile(manifestCopy) || !Files.readString(manifestCopy, StandardCharsets.UTF_8).equals(manifestText)) {
                // Kept beside the files so that `sha256sum -c SHA256SUMS` works in the cache too.
                Files.writeString(manifestCopy, manifestText, StandardCharsets.UTF_8);
            }
            for (Map.Entry<String, String> e : manifest.files().entrySet()) {
                Path target = dir.resolve(e.getKey());
                if (Files.isRegularFile(target) && ModelManifest.sha256(target).equals(e.getValue())) {
                    continue;
                }
                if (Files.exists(target)) {
                    LOG.warn("cached model file {} does not match its checksum: replacing it from the jar", target);
                }
                copyVerified(cp, cp.directory() + "/" + e.getKey(), target, e.getValue());
            }
        } catch (IOException e) {
            throw new ModelLoadException("cannot extract classpath:" + cp.directory() + " to " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    private static void copyVerified(ModelSource.Classpath cp, String resource, Path target, String expected) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            MessageDigest md = ModelManifest.newDigest();
            try (InputStream in = cp.loader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new ModelLoadException("classpath resource " + resource + " listed in " + ModelManifest.FILE_NAME + " is missing");
                }
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md)) {
                    in.transferTo(out);
                }
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (!actual.equals(expected)) {
                throw new ChecksumMismatchException("classpath:" + resource, expected, actual);
            }
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Moves a fully written, verified file to its place in a cache, atomically where the file
     * system allows, so that concurrent loads never see a half-written file.
     */
    public static void moveIntoPlace(Path written, Path target) throws IOException {
        try {
            Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(written, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
