package io.emospectrum.fusion.pool;

import io.emospectrum.error.ConfigurationException;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Provides {@link LearnedPooling}; option {@code model} (required): the JSON file a training run
 * wrote ({@code PairedEvaluation --train-out FILE}). No model ships: it is trained on your data.
 */
public final class LearnedPoolingProvider implements PoolingStrategyProvider {
    @Override
    public String name() {
        return LearnedPooling.NAME;
    }

    @Override
    public String description() {
        return "logistic regression over the modalities' log-probabilities (option model=FILE.json)";
    }

    @Override
    public PoolingStrategy create(Map<String, String> properties) {
        PoolingStrategies.requireKnown(name(), properties, Set.of("model"));
        String model = properties.get("model");
        if (model == null) {
            throw new ConfigurationException("the learned pooling strategy needs option model=FILE.json (a trained model)");
        }
        return LearnedPooling.read(Path.of(model));
    }
}
