package io.emospectrum.spi;

/**
 * A plugin that creates extractors of one kind, found through {@link java.util.ServiceLoader}.
 * Like DJL's {@code EngineProvider}: a stable name to select it by, a rank to pick the default.
 *
 * @param <E> the kind of extractor
 */
public interface ExtractorProvider<E extends EmotionExtractor> {

    /** Stable name to select this provider by ({@code -Demospectrum.text.provider=NAME}). */
    String name();

    /** The provider with the highest rank is the default when none is named. */
    int rank();

    /** One line for listings and error messages. */
    default String description() {
        return name();
    }

    /**
     * Loads the model and returns a ready extractor. May take seconds: call once, share the
     * extractor, close it when done.
     *
     * @throws io.emospectrum.error.ModelLoadException if the model cannot be found, verified or loaded
     */
    E create(ExtractorOptions options);
}
