package io.emospectrum.tools.text;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options every leave-one-corpus-out command on cached encoder features takes (a picocli mixin):
 * where the features are, which split of the left-out corpus is scored, and how long each head trains.
 */
final class CorpusFoldOptions {
    @Option(names = "--features", required = true, description = "cached encoder features (features.f32, rows.tsv)")
    private Path features;
    @Option(names = "--split", defaultValue = "dev", description = "split of the left-out corpus to score (default: ${DEFAULT-VALUE}; test only for the final report)")
    private String split;
    @Option(names = "--epochs", defaultValue = "5", description = "default: ${DEFAULT-VALUE}")
    private int epochs;

    Path features() {
        return features;
    }

    String split() {
        return split;
    }

    int epochs() {
        return epochs;
    }

    /** The head's training settings: {@code --epochs}, with the batch, rate, L2 and seed every such command uses. */
    SoftmaxHead.Settings settings() {
        return new SoftmaxHead.Settings(epochs, 256, 2e-3, 1e-4, 7);
    }
}
