package io.emospectrum.docs;

// tag::readme[]
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.spi.TextExtractorProvider;

import java.util.Arrays;
// end::readme[]

/** The README's Java, compiled with the build; {@link DocSnippetsTest} checks the README shows exactly this. */
final class ReadmeSnippets {
    private ReadmeSnippets() {
    }

    static void readme() {
        // tag::readme[]
        TextExtractorProvider provider = ProviderRegistry.text().select();      // highest rank, or -Demospectrum.text.provider=NAME
        try (TextEmotionExtractor text = provider.create(ExtractorOptions.defaults())) {
            TextAnalysis a = text.analyze("The train was late again and I am furious.");
            Spectrum s = a.overall().spectrum();
            System.out.println(s.dominant() + " " + Arrays.toString(s.toVector()) + " on " + a.overall().device());
        }
        // end::readme[]
    }
}
