package io.emospectrum.spi;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.ProviderNotFoundException;
import io.emospectrum.testing.KeywordTextProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderRegistryTest {
    /** A second test provider with a higher rank than {@link KeywordTextProvider}. */
    public static class LoudTextProvider extends KeywordTextProvider {
        @Override
        public String name() {
            return "loud";
        }

        @Override
        public int rank() {
            return 10;
        }
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty("emospectrum.text.provider");
    }

    /** A class loader that sees a services file naming {@code classes}, as a jar on the class path would. */
    private static ClassLoader withServices(Path dir, Class<?> service, Class<?>... classes) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        StringBuilder sb = new StringBuilder("# test providers\n");
        for (Class<?> c : classes) {
            sb.append(c.getName()).append('\n');
        }
        Files.writeString(services.resolve(service.getName()), sb);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ProviderRegistryTest.class.getClassLoader());
    }

    @Test
    void discoversProvidersThroughServiceLoaderOrderedByRank(@TempDir Path dir) throws IOException {
        ProviderRegistry<TextExtractorProvider> r = ProviderRegistry.load("text", TextExtractorProvider.class,
                withServices(dir, TextExtractorProvider.class, KeywordTextProvider.class, LoudTextProvider.class));
        assertThat(r.names()).containsExactly("loud", "keyword-test");
        assertThat(r.select().name()).isEqualTo("loud");
        assertThat(r.select("keyword-test")).isInstanceOf(KeywordTextProvider.class);
    }

    @Test
    void systemPropertySelectsByName() {
        ProviderRegistry<TextExtractorProvider> r = ProviderRegistry.of("text", List.of(new KeywordTextProvider(), new LoudTextProvider()));
        System.setProperty("emospectrum.text.provider", "keyword-test");
        assertThat(r.select().name()).isEqualTo("keyword-test");
        assertThat(r.select("loud").name()).as("an explicit name wins over the property").isEqualTo("loud");
    }

    @Test
    void anUnknownNameListsTheAvailableOnes() {
        ProviderRegistry<TextExtractorProvider> r = ProviderRegistry.of("text", List.of(new KeywordTextProvider(), new LoudTextProvider()));
        assertThatThrownBy(() -> r.select("bert"))
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("'bert'").hasMessageContaining("loud, keyword-test")
                .satisfies(e -> assertThat(((ProviderNotFoundException) e).available()).containsExactly("loud", "keyword-test"));
    }

    @Test
    void anEmptyRegistryNamesTheModuleToAdd(@TempDir Path dir) throws IOException {
        ProviderRegistry<VoiceExtractorProvider> r = ProviderRegistry.load("voice", VoiceExtractorProvider.class,
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, null));
        assertThat(r.isEmpty()).isTrue();
        assertThatThrownBy(r::select).isInstanceOf(ProviderNotFoundException.class).hasMessageContaining("modality-audio");
    }

    @Test
    void duplicateNamesAreRefused() {
        assertThatThrownBy(() -> ProviderRegistry.of("text", List.of(new KeywordTextProvider(), new KeywordTextProvider())))
                .hasMessageContaining("keyword-test");
    }

    @Test
    void providersRejectOptionsTheyDoNotKnow() {
        ExtractorOptions opts = ExtractorOptions.builder().property("treshold", "0.3").build();
        assertThatThrownBy(() -> new KeywordTextProvider().create(opts))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("treshold");
        assertThatThrownBy(() -> ExtractorOptions.builder().batchSize(0).build()).isInstanceOf(ConfigurationException.class);
    }
}
