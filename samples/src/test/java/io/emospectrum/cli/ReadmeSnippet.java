package io.emospectrum.cli;

import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.spi.TextExtractorProvider;

import java.util.Arrays;

/** The README's "Using the SDK" snippet as a program, run by {@link NoNetworkIT} in a JVM of its own. */
public final class ReadmeSnippet {
    private ReadmeSnippet() {
    }

    public static void main(String[] args) {
        TextExtractorProvider provider = ProviderRegistry.text().select();
        try (TextEmotionExtractor text = provider.create(ExtractorOptions.defaults())) {
            TextAnalysis a = text.analyze("The train was late again and I am furious.");
            Spectrum s = a.overall().spectrum();
            System.out.println(s.dominant() + " " + Arrays.toString(s.toVector()) + " on " + a.overall().device());
        }
    }
}
