package io.emospectrum.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import io.emospectrum.spi.ExtractorProvider;
import io.emospectrum.spi.FaceExtractorProvider;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextExtractorProvider;
import io.emospectrum.spi.VoiceExtractorProvider;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Guice bindings over the same providers {@link ServiceLoader} finds. Binds, for each kind (text,
 * face, voice): a {@link Multibinder} set of providers (add your own with
 * {@code Multibinder.newSetBinder(binder(), TextExtractorProvider.class).addBinding().to(Mine.class)}),
 * the {@link ProviderRegistry} over that set, and the selected provider. Choose one by name with
 * {@code OptionalBinder.newOptionalBinder(binder(), Key.get(String.class, Names.named(EmoSpectrumModule.TEXT_PROVIDER)))
 * .setBinding().toInstance("name")}; unset, the registry's rule applies (system property, then rank).
 *
 * <p>The module loads no model and binds nothing {@link AutoCloseable}: extractors own native
 * memory, so create them from the selected provider and close them yourself.
 */
public final class EmoSpectrumModule extends AbstractModule {
    public static final String TEXT_PROVIDER = "emospectrum.text.provider";
    public static final String FACE_PROVIDER = "emospectrum.face.provider";
    public static final String VOICE_PROVIDER = "emospectrum.voice.provider";

    private final ClassLoader loader;

    /** Discovers providers with the class loader that loaded this module. */
    public EmoSpectrumModule() {
        this(EmoSpectrumModule.class.getClassLoader());
    }

    public EmoSpectrumModule(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    protected void configure() {
        contribute(TextExtractorProvider.class, TEXT_PROVIDER);
        contribute(FaceExtractorProvider.class, FACE_PROVIDER);
        contribute(VoiceExtractorProvider.class, VOICE_PROVIDER);
    }

    private <P extends ExtractorProvider<?>> void contribute(Class<P> type, String selectionKey) {
        Multibinder<P> set = Multibinder.newSetBinder(binder(), type);
        for (P p : ServiceLoader.load(type, loader)) {
            set.addBinding().toInstance(p);
        }
        OptionalBinder.newOptionalBinder(binder(), Key.get(String.class, Names.named(selectionKey)));
    }

    @Provides
    @Singleton
    ProviderRegistry<TextExtractorProvider> textRegistry(Set<TextExtractorProvider> providers) {
        return ProviderRegistry.of("text", List.copyOf(providers));
    }

    @Provides
    @Singleton
    ProviderRegistry<FaceExtractorProvider> faceRegistry(Set<FaceExtractorProvider> providers) {
        return ProviderRegistry.of("face", List.copyOf(providers));
    }

    @Provides
    @Singleton
    ProviderRegistry<VoiceExtractorProvider> voiceRegistry(Set<VoiceExtractorProvider> providers) {
        return ProviderRegistry.of("voice", List.copyOf(providers));
    }

    @Provides
    TextExtractorProvider textProvider(ProviderRegistry<TextExtractorProvider> registry,
                                       @Named(TEXT_PROVIDER) Optional<String> name) {
        return registry.select(name.orElse(null));
    }

    @Provides
    FaceExtractorProvider faceProvider(ProviderRegistry<FaceExtractorProvider> registry,
                                       @Named(FACE_PROVIDER) Optional<String> name) {
        return registry.select(name.orElse(null));
    }

    @Provides
    VoiceExtractorProvider voiceProvider(ProviderRegistry<VoiceExtractorProvider> registry,
                                         @Named(VOICE_PROVIDER) Optional<String> name) {
        return registry.select(name.orElse(null));
    }
}
