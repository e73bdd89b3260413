package io.emospectrum.spi;

import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.model.ModelSource;
import io.emospectrum.option.OptionKey;
import io.emospectrum.option.OptionSet;
import io.emospectrum.option.OptionValues;
import io.emospectrum.taxonomy.LabelMapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How to create an extractor: device, model override, batch size and provider-specific
 * properties. Immutable; validated once in {@link Builder#build()}. Each provider declares its
 * properties as typed keys ({@link ExtractorProvider#supportedOptions()}) and parses them with
 * {@link #parse}, so a typo or a value out of range fails instead of being ignored.
 */
public final class ExtractorOptions {
    static {
        io.emospectrum.model.NetworkPolicy.apply(); // before any DJL engine starts: offline, no telemetry
    }

    private final DeviceChoice device;
    private final ModelSource model;
    private final LabelMapping labelMapping;
    private final int batchSize;
    private final Map<String, String> properties;

    private ExtractorOptions(Builder b) {
        this.device = b.device;
        this.model = b.model;
        this.labelMapping = b.labelMapping;
        this.batchSize = b.batchSize;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
    }

    /** Defaults: device from {@code -Demospectrum.device} (else automatic), bundled model, batch 32. */
    public static ExtractorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public DeviceChoice device() {
        return device;
    }

    /** A model to load instead of the provider's bundled one. */
    public Optional<ModelSource> model() {
        return Optional.ofNullable(model);
    }

    /** The label mapping that goes with {@link #model()} when it is the user's own. */
    public Optional<LabelMapping> labelMapping() {
        return Optional.ofNullable(labelMapping);
    }

    public int batchSize() {
        return batchSize;
    }

    public Map<String, String> properties() {
        return properties;
    }

    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /**
     * The properties checked against {@code keys} and typed.
     *
     * @throws io.emospectrum.error.InvalidOptionException for an unknown key, a wrong type or a value out of range
     */
    public OptionValues parse(String providerName, OptionSet keys) {
        return keys.parse(providerName, properties);
    }

    public Builder toBuilder() {
        Builder b = new Builder().device(device).batchSize(batchSize);
        b.model = model;
        b.labelMapping = labelMapping;
        b.properties.putAll(properties);
        return b;
    }

    /** Collects options; {@link #build()} validates them. */
    public static final class Builder {
        private DeviceChoice device;
        private ModelSource model;
        private LabelMapping labelMapping;
        private int batchSize = 32;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder device(DeviceChoice device) {
            this.device = device;
            return this;
        }

        public Builder model(ModelSource model) {
            this.model = model;
            return this;
        }

        public Builder model(ModelSource model, LabelMapping mapping) {
            this.model = model;
            this.labelMapping = mapping;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** A provider option by its typed key ({@code option(GoEmotionsMiniLmProvider.MAX_TOKENS, 64)}). */
        public <T> Builder option(OptionKey<T> key, T value) {
            properties.put(key.name(), String.valueOf(value));
            return this;
        }

        public ExtractorOptions build() {
            if (device == null) {
                device = DeviceChoice.fromSystemProperty();
            }
            if (batchSize < 1 || batchSize > 4096) {
                throw new ConfigurationException("batch size must be in [1, 4096], was " + batchSize);
            }
            if (labelMapping != null && model == null) {
                throw new ConfigurationException("a label mapping was given without the model it belongs to");
            }
            return new ExtractorOptions(this);
        }
    }
}
