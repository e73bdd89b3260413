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
        String key;
        try {
            key = ModelManifest.sha256(new java.io.ByteArrayInputStream(manifestText.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (IOException e) {
            throw new ModelLoadException("cannot hash " + manifestResource, e);
        }
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
            Files.writeString(dir.resolve(ModelManifest.FILE_NAME), manifestText, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelLoadException("cannot extract the encoder to " + dir + ": " + e.getMessage(), e);
        }
        return dir;
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
