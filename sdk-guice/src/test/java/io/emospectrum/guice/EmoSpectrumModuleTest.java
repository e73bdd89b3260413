package io.emospectrum.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.ProvisionException;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;
import io.emospectrum.error.ProviderNotFoundException;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.spi.TextExtractorProvider;
import io.emospectrum.spi.VoiceExtractorProvider;
import io.emospectrum.testing.KeywordTextProvider;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmoSpectrumModuleTest {
    /** A second provider so that selection has a choice to make. */
    public static class OtherTextProvider extends KeywordTextProvider {
        @Override
        public String name() {
            return "other";
        }

        @Override
        public int rank() {
            return 5;
        }
    }

    /** No ServiceLoader providers visible: only what the user binds. */
    private static final ClassLoader EMPTY = new URLClassLoader(new URL[0], null);

    private static AbstractModule userProviders() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder<TextExtractorProvider> set = Multibinder.newSetBinder(binder(), TextExtractorProvider.class);
                set.addBinding().to(KeywordTextProvider.class);
                set.addBinding().to(OtherTextProvider.class);
            }
        };
    }

    @Test
    void userBoundProvidersJoinTheRegistryAndTheHighestRankIsSelected() {
        Injector injector = Guice.createInjector(new EmoSpectrumModule(EMPTY), userProviders());
        ProviderRegistry<TextExtractorProvider> registry =
                injector.getInstance(Key.get(new TypeLiteral<ProviderRegistry<TextExtractorProvider>>() { }));
        assertThat(registry.names()).containsExactly("other", "keyword-test");
        assertThat(injector.getInstance(TextExtractorProvider.class).name()).isEqualTo("other");
    }

    @Test
    void anOptionalBindingSelectsByNameAndTheProviderWorks() {
        Injector injector = Guice.createInjector(new EmoSpectrumModule(EMPTY), userProviders(), new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), Key.get(String.class, Names.named(EmoSpectrumModule.TEXT_PROVIDER)))
                        .setBinding().toInstance("keyword-test");
            }
        });
        TextExtractorProvider p = injector.getInstance(TextExtractorProvider.class);
        assertThat(p.name()).isEqualTo("keyword-test");
        try (TextEmotionExtractor x = p.create(ExtractorOptions.defaults())) {
            assertThat(x.analyze("I am so happy.").overall().dominant()).isEqualTo(EmotionCategory.HAPPINESS);
        }
    }

    @Test
    void noProviderIsAClearErrorAtSelection() {
        Injector injector = Guice.createInjector(new EmoSpectrumModule(EMPTY));
        assertThatThrownBy(() -> injector.getInstance(VoiceExtractorProvider.class))
                .isInstanceOf(ProvisionException.class)
                .hasRootCauseInstanceOf(ProviderNotFoundException.class)
                .rootCause().hasMessageContaining("modality-audio");
    }
}
