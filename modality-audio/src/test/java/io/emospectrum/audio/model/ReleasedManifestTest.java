package io.emospectrum.audio.model;

import io.emospectrum.testing.ReleasedManifests;
import org.junit.jupiter.api.Test;

import java.util.Map;

class ReleasedManifestTest {
    @Test
    void theCompiledChecksumsAreTheBundledManifests() throws Exception {
        ReleasedManifests.assertMatch(VoiceModel.class, Map.of(
                VoiceModel.GRU_ENSEMBLE + "/SHA256SUMS", VoiceModel.GRU_ENSEMBLE_MANIFEST_SHA256,
                VoiceModel.SPEECH_GRU + "/SHA256SUMS", VoiceModel.SPEECH_GRU_MANIFEST_SHA256,
                VoiceModel.RAVDESS_GRU + "/SHA256SUMS", VoiceModel.RAVDESS_GRU_MANIFEST_SHA256));
    }
}
