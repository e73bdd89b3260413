package io.emospectrum.spi;

/**
 * Provides {@link TextEmotionExtractor}s. Register an implementation in
 * {@code META-INF/services/io.emospectrum.spi.TextExtractorProvider}; select one by name with
 * {@code -Demospectrum.text.provider=NAME}.
 */
public interface TextExtractorProvider extends ExtractorProvider<TextEmotionExtractor> {
}
