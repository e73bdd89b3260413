package io.emospectrum.spi;

/**
 * A plugin that creates extractors of one kind, found through {@link java.util.ServiceLoader}.
 * Like DJL's {@code EngineProvider}: a stable name to select it by ({@code -Demospectrum.text.provider=NAME}),
 * a rank to pick the default, and its options declared as typed keys ({@link #supportedOptions()}).
 *
 * @param <E> the kind of extractor
 */
public interface ExtractorProvider<E extends EmotionExtractor> extends Plugin {

    /**
     * Loads the model and returns a ready extractor. May take seconds: call once, share the
     * extractor, close it when done.
     *
     * @throws io.emospectrum.error.ModelLoadException if the model cannot be found, verified or loaded
     * @throws io.emospectrum.error.InvalidOptionException if a property is not one of {@link #supportedOptions()} or out of range
     */
    E create(ExtractorOptions options);
}
