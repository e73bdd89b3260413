package io.emospectrum.fusion.pool;

import java.util.Map;

/** Provides {@link WeightedLinearPooling}, the default strategy; takes no options. */
public final class LinearPoolingProvider implements PoolingStrategyProvider {
    @Override
    public String name() {
        return WeightedLinearPooling.NAME;
    }

    @Override
    public int rank() {
        return 100;
    }

    @Override
    public String description() {
        return "weighted linear opinion pool (weights = modality reliability x confidence)";
    }

    @Override
    public PoolingStrategy create(Map<String, String> properties) {
        supportedOptions().parse(name(), properties);
        return new WeightedLinearPooling();
    }
}
