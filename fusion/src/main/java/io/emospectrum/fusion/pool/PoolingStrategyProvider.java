package io.emospectrum.fusion.pool;

import io.emospectrum.spi.Plugin;
import io.emospectrum.spi.ProviderRegistry;

import java.util.Map;

/**
 * Creates a {@link PoolingStrategy}; found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.emospectrum.fusion.pool.PoolingStrategyProvider}) by the one
 * {@link ProviderRegistry}, so that users can plug in their own. Selected by name
 * ({@code -Demospectrum.fusion.strategy=NAME}), else the highest rank ({@code linear}).
 */
public interface PoolingStrategyProvider extends Plugin {
    /** The system property that names the strategy to use. */
    String PROPERTY = "emospectrum.fusion.strategy";

    /**
     * A strategy configured by {@code properties} (keys from {@link #supportedOptions()}).
     *
     * @throws io.emospectrum.error.InvalidOptionException for an unknown or invalid property
     * @throws io.emospectrum.error.ModelLoadException if a learned strategy's weights cannot be read
     */
    PoolingStrategy create(Map<String, String> properties);

    /** The strategies on the class path, highest rank first. */
    static ProviderRegistry<PoolingStrategyProvider> registry() {
        return ProviderRegistry.load("pooling-strategy", PROPERTY, PoolingStrategyProvider.class, Thread.currentThread().getContextClassLoader());
    }
}
