package io.emospectrum.fusion.pool;

import io.emospectrum.option.OptionKey;
import io.emospectrum.option.OptionSet;

import java.util.Map;

/** Provides {@link LogLinearPooling}; option {@code floor} (default {@value LogLinearPooling#DEFAULT_FLOOR}). */
public final class LogLinearPoolingProvider implements PoolingStrategyProvider {
    static final OptionKey<Double> FLOOR = OptionKey.decimal("floor").openRange(0, 1).defaultValue(LogLinearPooling.DEFAULT_FLOOR)
            .help("Smallest probability a modality may give a category (keeps one zero from vetoing it).").build();
    private static final OptionSet OPTIONS = OptionSet.of(FLOOR);

    @Override
    public String name() {
        return LogLinearPooling.NAME;
    }

    @Override
    public int rank() {
        return 50;
    }

    @Override
    public String description() {
        return "log-linear pool / product of experts (weights = modality reliability x confidence)";
    }

    @Override
    public OptionSet supportedOptions() {
        return OPTIONS;
    }

    @Override
    public PoolingStrategy create(Map<String, String> properties) {
        return new LogLinearPooling(OPTIONS.parse(name(), properties).get(FLOOR));
    }
}
