package io.emospectrum.spark;

import io.emospectrum.device.DeviceChoice;
import io.emospectrum.spi.ExtractorOptions;

import java.io.Serializable;
import java.util.Map;

/**
 * Which text extractor the executors open, and how texts are batched. Equal settings share one
 * extractor per executor JVM.
 *
 * @param provider   provider name; null for the highest-ranked one
 * @param device     auto, cpu, gpu or gpu:N
 * @param batchSize  texts per inference call (and per batch of a partition)
 * @param properties provider-specific options (e.g. {@code variant=fp32})
 */
public record TextSettings(String provider, String device, int batchSize, Map<String, String> properties) implements Serializable {
    public TextSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        DeviceChoice.parse(device);
        properties = Map.copyOf(properties);
    }

    /** The default provider on the automatically chosen device, batches of 32. */
    public static TextSettings defaults() {
        return new TextSettings(null, "auto", 32, Map.of());
    }

    public TextSettings withProvider(String name) {
        return new TextSettings(name, device, batchSize, properties);
    }

    public TextSettings withBatchSize(int n) {
        return new TextSettings(provider, device, n, properties);
    }

    ExtractorOptions toOptions() {
        ExtractorOptions.Builder b = ExtractorOptions.builder().device(DeviceChoice.parse(device)).batchSize(batchSize);
        properties.forEach(b::property);
        return b.build();
    }
}
