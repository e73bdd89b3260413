package io.emospectrum.image;

import io.emospectrum.image.detect.BlazeFaceManifests;
import io.emospectrum.testing.ReleasedManifests;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

class ReleasedManifestTest {
    @Test
    void theCompiledChecksumsAreTheBundledManifests() throws Exception {
        Map<String, String> all = new HashMap<>();
        MiniXceptionFaceProvider.MANIFEST_SHA256.forEach((dir, sha) -> all.put(dir + "/SHA256SUMS", sha));
        BlazeFaceManifests.released().forEach((name, sha) -> all.put("io/emospectrum/image/models/" + name + "/SHA256SUMS", sha));
        ReleasedManifests.assertMatch(MiniXceptionFaceProvider.class, all);
    }
}
