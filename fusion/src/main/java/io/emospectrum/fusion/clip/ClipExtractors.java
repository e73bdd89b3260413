package io.emospectrum.fusion.clip;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.spi.VoiceEmotionExtractor;

import java.util.Optional;

/** The extractors a clip is read with (the caller's: never closed here); any one may be absent. */
record ClipExtractors(FaceEmotionExtractor faceOrNull, VoiceEmotionExtractor voiceOrNull, TextEmotionExtractor textOrNull) {
    ClipExtractors {
        if (faceOrNull == null && voiceOrNull == null && textOrNull == null) {
            throw new ConfigurationException("a clip analyzer needs at least one extractor (face, voice or text)");
        }
    }

    Optional<FaceEmotionExtractor> face() {
        return Optional.ofNullable(faceOrNull);
    }

    Optional<VoiceEmotionExtractor> voice() {
        return Optional.ofNullable(voiceOrNull);
    }

    Optional<TextEmotionExtractor> text() {
        return Optional.ofNullable(textOrNull);
    }
}
