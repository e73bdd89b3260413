package io.emospectrum.fusion.pool;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.option.OptionKey;
import io.emospectrum.option.OptionSet;

import java.nio.file.Path;
import java.util.Map;

/**
 * Provides {@link LearnedPooling}; option {@code model} (required): the JSON file a training run
 * wrote ({@code PairedEvaluation --train-out FILE}). No model ships: it is trained on your data.
 */
public final class LearnedPoolingProvider implements PoolingStrategyProvider {
    static final OptionKey<String> MODEL = OptionKey.text("model").defaultNote("none: required")
            .help("The JSON file a training run wrote (emospectrum-tools evaluate fusion --train-out FILE).").build();
    private static final OptionSet OPTIONS = OptionSet.of(MODEL);

    @Override
    public String name() {
        return LearnedPooling.NAME;
    }

    /** Lowest: it needs a model file, so it is never the default. */
    @Override
    public int rank() {
        return 10;
    }

    @Override
    public String description() {
        return "logistic regression over the modalities' log-probabilities (option model=FILE.json)";
    }

    @Override
    public OptionSet supportedOptions() {
        return OPTIONS;
    }

    @Override
    public PoolingStrategy create(Map<String, String> properties) {
        String model = OPTIONS.parse(name(), properties).find(MODEL).orElseThrow(() -> new ConfigurationException(
                "the learned pooling strategy needs option model=FILE.json (a trained model)"));
        return LearnedPooling.read(Path.of(model));
    }
}
