package io.emospectrum.spi;

import io.emospectrum.error.ProviderNotFoundException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The plugins of one kind, discovered with {@link ServiceLoader} (or given explicitly, as the
 * Guice adapter does), ordered by rank: the one registry type for every plugin kind (extractor
 * providers, face detectors, pooling strategies). Selection by name, as DJL selects engines:
 * an explicit name, else a system property (for extractors {@code emospectrum.<kind>.provider}),
 * else the highest rank. A name that does not exist fails with the names that do.
 *
 * @param <P> the plugin interface
 */
public final class ProviderRegistry<P extends Plugin> {
    static {
        io.emospectrum.model.NetworkPolicy.apply(); // before any DJL engine starts: offline, no telemetry
    }

    private final String kind;
    private final String selectionProperty;
    private final List<P> providers;

    private ProviderRegistry(String kind, String selectionProperty, List<P> providers) {
        this.kind = kind;
        this.selectionProperty = selectionProperty;
        List<P> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.<P>comparingInt(Plugin::rank).reversed().thenComparing(Plugin::name));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).name().equals(sorted.get(i - 1).name())) {
                throw new IllegalStateException("two " + kind + " providers are named '" + sorted.get(i).name() + "'");
            }
        }
        this.providers = List.copyOf(sorted);
    }

    /** The providers of {@code type} on the thread's context class path, selected by {@code emospectrum.<kind>.provider}. */
    public static <P extends Plugin> ProviderRegistry<P> load(String kind, Class<P> type) {
        return load(kind, type, Thread.currentThread().getContextClassLoader());
    }

    public static <P extends Plugin> ProviderRegistry<P> load(String kind, Class<P> type, ClassLoader loader) {
        return load(kind, defaultProperty(kind), type, loader);
    }

    /** As {@link #load(String, Class, ClassLoader)} with the system property that names the plugin to use. */
    public static <P extends Plugin> ProviderRegistry<P> load(String kind, String selectionProperty, Class<P> type, ClassLoader loader) {
        List<P> found = new ArrayList<>();
        ServiceLoader.load(type, loader).forEach(found::add);
        return new ProviderRegistry<>(kind, selectionProperty, found);
    }

    /** A registry over a fixed set of providers (tests, dependency injection). */
    public static <P extends Plugin> ProviderRegistry<P> of(String kind, List<? extends P> providers) {
        return of(kind, defaultProperty(kind), providers);
    }

    public static <P extends Plugin> ProviderRegistry<P> of(String kind, String selectionProperty, List<? extends P> providers) {
        return new ProviderRegistry<>(kind, selectionProperty, List.copyOf(providers));
    }

    private static String defaultProperty(String kind) {
        return "emospectrum." + kind + ".provider";
    }

    public static ProviderRegistry<TextExtractorProvider> text() {
        return load("text", TextExtractorProvider.class);
    }

    public static ProviderRegistry<FaceExtractorProvider> face() {
        return load("face", FaceExtractorProvider.class);
    }

    public static ProviderRegistry<VoiceExtractorProvider> voice() {
        return load("voice", VoiceExtractorProvider.class);
    }

    /** {@code "text"}, {@code "face"}, {@code "voice"}, {@code "face-detector"}, {@code "pooling-strategy"}, ... */
    public String kind() {
        return kind;
    }

    /** The system property that names the provider to use. */
    public String selectionProperty() {
        return selectionProperty;
    }

    /** All providers, highest rank first. */
    public List<P> providers() {
        return providers;
    }

    public List<String> names() {
        return providers.stream().map(Plugin::name).toList();
    }

    public boolean isEmpty() {
        return providers.isEmpty();
    }

    public Optional<P> find(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The provider named by the system property, else the highest-ranked one. */
    public P select() {
        return select(null);
    }

    /**
     * The provider called {@code name}; if {@code name} is null, the one named by the system
     * property; if that is unset, the highest-ranked one.
     *
     * @throws ProviderNotFoundException if there is none, or none of that name
     */
    public P select(String name) {
        String wanted = name != null ? name : System.getProperty(selectionProperty());
        if (wanted != null && !wanted.isBlank()) {
            return find(wanted.trim()).orElseThrow(() -> new ProviderNotFoundException(
                    "no " + kind + " provider named '" + wanted.trim() + "'; available: "
                            + (providers.isEmpty() ? "none" : String.join(", ", names())), names()));
        }
        if (providers.isEmpty()) {
            String module = switch (kind) {
                case "text" -> "modality-text";
                case "face" -> "modality-image";
                case "voice" -> "modality-audio";
                default -> null;
            };
            throw new ProviderNotFoundException(module == null ? "no " + kind + " provider is on the classpath"
                    : "no " + kind + " extractor is on the classpath; add the EmoSpectrum " + module + " module (io.emospectrum:" + module + ")",
                    List.of());
        }
        return providers.get(0);
    }
}
