package io.emospectrum.cli;

import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.model.ModelSource;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.taxonomy.LabelMapping;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Options every analyzing subcommand shares: provider, device, model override, diagnostics. */
final class ExtractorOptionsMixin {
    @Option(names = "--provider", paramLabel = "NAME",
            description = "Extractor provider by name (default: -Demospectrum.<kind>.provider, else the highest-ranked one).")
    String provider;

    @Option(names = "--device", paramLabel = "DEVICE", description = "auto, cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).",
            defaultValue = "${sys:emospectrum.device:-auto}")
    String device;

    @Option(names = "--model", paramLabel = "DIR|URL",
            description = "Your own model instead of the bundled one: a directory or classpath:DIR; for image and audio also an "
                    + "explicit URL (text models load from a local directory only).")
    String model;

    @Option(names = "--label-mapping", paramLabel = "FILE", description = "How your model's labels map to the seven categories (JSON).")
    Path labelMapping;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32", description = "Items per inference batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = {"-O", "--option"}, paramLabel = "KEY=VALUE", description = "A provider-specific option; unknown keys are rejected.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    /** A user's mapping file that cannot be read is bad input (exit 2), not an internal failure. */
    private static LabelMapping readLabelMapping(Path file) {
        try {
            return LabelMapping.fromJson(file);
        } catch (ModelLoadException e) {
            throw new ConfigurationException("--label-mapping: " + e.getMessage(), e);
        }
    }

    ExtractorOptions toOptions() {
        ExtractorOptions.Builder b = ExtractorOptions.builder().device(DeviceChoice.parse(device)).batchSize(batchSize);
        // A mapping without --model is refused by the options' own validation.
        b.model(model != null ? ModelSource.parse(model) : null, labelMapping != null ? readLabelMapping(labelMapping) : null);
        properties.forEach(b::property);
        return b.build();
    }
}
