package io.emospectrum.text.encoder;

import io.emospectrum.testing.ReleasedManifests;
import io.emospectrum.text.TextModelManifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ReleasedManifestTest {
    @Test
    void theCompiledChecksumsAreTheBundledManifests() throws Exception {
        Map<String, String> all = new HashMap<>(BundledEncoderFiles.MANIFEST_SHA256);
        TextModelManifests.released().forEach((dir, sha) -> all.put(dir + "/SHA256SUMS", sha));
        ReleasedManifests.assertMatch(BundledEncoderFiles.class, all);
    }

    @Test
    void aCompleteEncoderCacheIsOnlyRead(@TempDir Path cache) throws Exception {
        String manifest = "io/emospectrum/text/encoders/all-minilm-l6-v2-q.SHA256SUMS";
        Path dir = BundledEncoderFiles.materialize(manifest, getClass().getClassLoader(), cache);
        FileTime longAgo = FileTime.fromMillis(1_000_000_000_000L);
        Map<String, FileTime> before = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.setLastModifiedTime(p, longAgo);
                before.put(p.getFileName().toString(), longAgo);
            }
        }
        BundledEncoderFiles.materialize(manifest, getClass().getClassLoader(), cache);
        Map<String, FileTime> after = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                after.put(p.getFileName().toString(), Files.getLastModifiedTime(p));
            }
        }
        assertThat(after).as("nothing rewritten in a complete cache (so a read-only one works)").isEqualTo(before);
    }
}
