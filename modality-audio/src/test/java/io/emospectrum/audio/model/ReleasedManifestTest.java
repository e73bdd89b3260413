package io.emospectrum.audio.model;

import io.emospectrum.testing.ReleasedManifests;
import org.junit.jupiter.api.Test;

import java.util.Map;

class ReleasedManifestTest {
    @Test
    void theCompiledChecksumIsTheBundledManifests() throws Exception {
        ReleasedManifests.assertMatch(VoiceModel.class, Map.of(VoiceModel.BUNDLED + "/SHA256SUMS", VoiceModel.BUNDLED_MANIFEST_SHA256));
    }
}
