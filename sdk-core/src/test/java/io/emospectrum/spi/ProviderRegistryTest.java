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

    /** A plugin kind that is no extractor (as face detectors and pooling strategies are), with its own property. */
    public interface Greeter extends Plugin {
    }

    record NamedGreeter(String name, int rank) implements Greeter {
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty("emospectrum.text.provider");
        System.clearProperty("test.greeter");
    }

    @Test
    void anyPluginKindIsSelectedByNameByItsOwnPropertyOrByRank() {
        ProviderRegistry<Greeter> r = ProviderRegistry.of("greeter", "test.greeter", List.of(new NamedGreeter("low", 1), new NamedGreeter("high", 5)));
        assertThat(r.names()).containsExactly("high", "low");
        assertThat(r.select(null).name()).isEqualTo("high");
        System.setProperty("test.greeter", "low");
        assertThat(r.select(null).name()).isEqualTo("low");
        assertThat(r.select("high").name()).isEqualTo("high");
        assertThatThrownBy(() -> r.select("middle")).isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("no greeter provider named 'middle'; available: high, low");
        assertThat(r.providers().get(0).supportedOptions().isEmpty()).isTrue();
        System.clearProperty("test.greeter");
        assertThatThrownBy(() -> ProviderRegistry.<Greeter>of("greeter", "test.greeter", List.of()).select())
                .isInstanceOf(ProviderNotFoundException.class).hasMessage("no greeter provider is on the classpath");
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
