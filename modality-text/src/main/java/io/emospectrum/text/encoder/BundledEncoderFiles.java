package io.emospectrum.text.encoder;

import io.emospectrum.error.ChecksumMismatchException;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelManifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The encoder files that a third-party jar carries at its class-path root (langchain4j's
 * {@code all-minilm-l6-v2.onnx} and its tokenizer), copied into our model cache and checked
 * against a manifest of ours. The manifest pins the exact bytes we trained the head on: a
 * different jar version on the class path fails here instead of producing quietly wrong scores.
 */
public final class BundledEncoderFiles {
    /**
     * SHA-256 of our encoder manifests as released, compiled in: a jar whose manifest was edited
     * (to vouch for altered encoder files) is refused.
     */
    static final Map<String, String> MANIFEST_SHA256 = Map.of(
            "io/emospectrum/text/encoders/all-minilm-l6-v2.SHA256SUMS", "e81ca61f0e588eaf9ca52a708fce4c9e719a46e18be1b20191577893502783c8",
            "io/emospectrum/text/encoders/all-minilm-l6-v2-q.SHA256SUMS", "da8e8938d42e760e0c107dbf45c3af7124f8e382ca69a4a6bbee35a5e95f71fa",
            "io/emospectrum/text/encoders/bge-small-zh-v1.5-q.SHA256SUMS", "4cd5b09f154ba2acb60d3766dec1072fd34cc5e4786f11372f4cb43725e90640");

    private BundledEncoderFiles() {
    }

    /**
     * @param manifestResource our {@code SHA256SUMS} listing the root resources and their SHA-256
     * @param loader           the class loader that sees the encoder jar
     * @param cacheRoot        where extracted models live ({@code ~/.emospectrum/cache})
     * @return a local directory holding the verified files and a copy of the manifest
     */
    public static Path materialize(String manifestResource, ClassLoader loader, Path cacheRoot) {
        String manifestText;
        try (InputStream in = loader.getResourceAsStream(manifestResource)) {
            if (in == null) {
                throw new ModelLoadException("missing encoder manifest classpath:" + manifestResource);
            }
            manifestText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + manifestResource + ": " + e.getMessage(), e);
        }
        ModelManifest manifest = ModelManifest.parse(manifestText, "classpath:" + manifestResource);
        String manifestSha;
        try {
            manifestSha = ModelManifest.sha256(new java.io.ByteArrayInputStream(manifestText.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new ModelLoadException("cannot hash " + manifestResource, e);
        }
        String released = MANIFEST_SHA256.get(manifestResource);
        if (released != null && !released.equals(manifestSha)) {
            throw new ChecksumMismatchException("the encoder manifest classpath:" + manifestResource + " is not the one released with "
                    + "this code (SHA-256 " + manifestSha + ", expected " + released + "): the jar was altered; refusing to load it",
                    "classpath:" + manifestResource, released, manifestSha);
        }
        String key = manifestSha.substring(0, 16);
        Path dir = cacheRoot.resolve("models").resolve("encoder-" + key);
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> e : manifest.files().entrySet()) {
                Path target = dir.resolve(e.getKey());
                // Checked on every load: the cache is a plain directory. A changed file is
                // replaced from the jar, whose bytes must match our manifest.
                if (!Files.isRegularFile(target) || !ModelManifest.sha256(target).equals(e.getValue())) {
                    copyVerified(loader, e.getKey(), target, e.getValue());
                }
            }
            writeIfChanged(dir.resolve(ModelManifest.FILE_NAME), manifestText);
        } catch (IOException e) {
            throw new ModelLoadException("cannot extract the encoder to " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    /** Writes a cache's manifest copy only when it differs, so that a complete read-only cache works. */
    static void writeIfChanged(Path file, String text) throws IOException {
        if (!Files.isRegularFile(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
    }

    private static void copyVerified(ClassLoader loader, String resource, Path target, String expected) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new ModelLoadException("encoder resource '" + resource + "' is not on the class path; "
                            + "add the langchain4j-embeddings jar that " + resource + "'s manifest names (the version it pins)");
                }
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            String actual = ModelManifest.sha256(tmp);
            if (!actual.equals(expected)) {
                throw new ChecksumMismatchException("classpath:" + resource, expected, actual);
            }
            ModelFiles.moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

}
