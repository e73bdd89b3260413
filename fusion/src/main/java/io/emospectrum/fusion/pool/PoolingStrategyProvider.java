package io.emospectrum.fusion.pool;

import java.util.Map;

/**
 * Creates a {@link PoolingStrategy}; found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.emospectrum.fusion.pool.PoolingStrategyProvider}) so that users can
 * plug in their own. Selected by name ({@code -Demospectrum.fusion.strategy=NAME}).
 */
public interface PoolingStrategyProvider {

    /** Stable name to select it by. */
    String name();

    /** One line for listings and error messages. */
    String description();

    /**
     * A strategy configured by {@code properties}.
     *
     * @throws io.emospectrum.error.ConfigurationException for an unknown or invalid property
     * @throws io.emospectrum.error.ModelLoadException if a learned strategy's weights cannot be read
     */
    PoolingStrategy create(Map<String, String> properties);
}
