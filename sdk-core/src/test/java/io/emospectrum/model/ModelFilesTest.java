package io.emospectrum.model;

import io.emospectrum.error.ChecksumMismatchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bundled model is checked against the manifest checksum compiled into its code, and a complete cache is only read. */
class ModelFilesTest {
    @TempDir
    Path jar;
    @TempDir
    Path cache;

    /** A class-path model directory "models/tiny" under {@code jar}; returns the SHA-256 of its manifest. */
    private String writeModel(String weights) throws Exception {
        Path dir = Files.createDirectories(jar.resolve("models/tiny"));
        Files.writeString(dir.resolve("weights.txt"), weights);
        String manifest = ModelManifest.sha256(new ByteArrayInputStream(weights.getBytes(StandardCharsets.UTF_8))) + "  weights.txt\n";
        Files.writeString(dir.resolve(ModelManifest.FILE_NAME), manifest);
        return ModelManifest.sha256(new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)));
    }

    private ModelSource.Classpath bundled(ClassLoader loader, String manifestSha256) {
        return new ModelSource.Classpath("models/tiny", loader, manifestSha256);
    }

    @Test
    void aJarWhoseFilesAndManifestWereEditedTogetherIsRefused() throws Exception {
        String released = writeModel("the released weights\n");
        writeModel("weights someone slipped in\n"); // a consistent manifest for them: only the compiled checksum tells
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> new ModelFiles(cache).materialize(bundled(loader, released), true))
                    .isInstanceOf(ChecksumMismatchException.class)
                    .hasMessageContaining("not the one released").hasMessageContaining(released);
            assertThat(cache.resolve("models")).doesNotExist();
        }
    }

    @Test
    void theReleasedModelLoadsAndATamperedCacheCopyIsReplaced() throws Exception {
        String released = writeModel("the released weights\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ModelFiles files = new ModelFiles(cache);
            Path dir = files.materialize(bundled(loader, released), true);
            Files.writeString(dir.resolve("weights.txt"), "altered in the cache\n");
            files.materialize(bundled(loader, released), true);
            assertThat(Files.readString(dir.resolve("weights.txt"))).isEqualTo("the released weights\n");
        }
    }

    @Test
    void aCompleteCacheIsOnlyRead() throws Exception {
        String released = writeModel("the released weights\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ModelFiles files = new ModelFiles(cache);
            Path dir = files.materialize(bundled(loader, released), true);
            FileTime long_ago = FileTime.fromMillis(1_000_000_000_000L);
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.setLastModifiedTime(p, long_ago);
                }
            }
            Map<String, FileTime> before = listing(dir);
            files.materialize(bundled(loader, released), true);
            assertThat(listing(dir)).as("nothing written to a complete cache (so a read-only one works)").isEqualTo(before);
        }
    }

    private static Map<String, FileTime> listing(Path dir) throws Exception {
        Map<String, FileTime> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                m.put(p.getFileName().toString(), Files.getLastModifiedTime(p));
            }
        }
        return m;
    }
}
