package io.emospectrum.fusion.pool;

import io.emospectrum.error.ConfigurationException;

import java.util.Map;
import java.util.Set;

/** Provides {@link LogLinearPooling}; option {@code floor} (default {@value LogLinearPooling#DEFAULT_FLOOR}). */
public final class LogLinearPoolingProvider implements PoolingStrategyProvider {
    @Override
    public String name() {
        return LogLinearPooling.NAME;
    }

    @Override
    public String description() {
        return "log-linear pool / product of experts (weights = modality reliability x confidence)";
    }

    @Override
    public PoolingStrategy create(Map<String, String> properties) {
        PoolingStrategies.requireKnown(name(), properties, Set.of("floor"));
        String floor = properties.get("floor");
        if (floor == null) {
            return new LogLinearPooling();
        }
        try {
            return new LogLinearPooling(Double.parseDouble(floor));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("log-linear option floor=" + floor + " is not a number in (0, 1)");
        }
    }
}
