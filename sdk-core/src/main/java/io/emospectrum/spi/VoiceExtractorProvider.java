package io.emospectrum.spi;

/**
 * Provides {@link VoiceEmotionExtractor}s. Register an implementation in
 * {@code META-INF/services/io.emospectrum.spi.VoiceExtractorProvider}; select one by name with
 * {@code -Demospectrum.voice.provider=NAME}.
 */
public interface VoiceExtractorProvider extends ExtractorProvider<VoiceEmotionExtractor> {
}
