package io.emospectrum.spi;

/**
 * Provides {@link FaceEmotionExtractor}s. Register an implementation in
 * {@code META-INF/services/io.emospectrum.spi.FaceExtractorProvider}; select one by name with
 * {@code -Demospectrum.face.provider=NAME}.
 */
public interface FaceExtractorProvider extends ExtractorProvider<FaceEmotionExtractor> {
}
