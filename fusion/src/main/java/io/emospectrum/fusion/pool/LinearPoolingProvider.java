package io.emospectrum.fusion.pool;

import java.util.Map;
import java.util.Set;

/** Provides {@link WeightedLinearPooling}; takes no options. */
public final class LinearPoolingProvider implements PoolingStrategyProvider {
    @Override
    public String name() {
        return WeightedLinearPooling.NAME;
    }

    @Override
    public String description() {
        return "weighted linear opinion pool (weights = modality reliability x confidence)";
    }

    @Override
    public PoolingStrategy create(Map<String, String> properties) {
        PoolingStrategies.requireKnown(name(), properties, Set.of());
        return new WeightedLinearPooling();
    }
}
