package io.emospectrum.spi;

import io.emospectrum.error.ProviderNotFoundException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The providers of one kind, discovered with {@link ServiceLoader} (or given explicitly, as the
 * Guice adapter does), ordered by rank. Selection by name, as DJL selects engines:
 * an explicit name, else the system property {@code emospectrum.<kind>.provider}, else the
 * highest rank. A name that does not exist fails with the names that do.
 *
 * @param <P> the provider interface
 */
public final class ProviderRegistry<P extends ExtractorProvider<?>> {
    static {
        io.emospectrum.model.NetworkPolicy.apply(); // before any DJL engine starts: offline, no telemetry
    }

    private final String kind;
    private final List<P> providers;

    private ProviderRegistry(String kind, List<P> providers) {
        this.kind = kind;
        List<P> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.<P>comparingInt(ExtractorProvider::rank).reversed().thenComparing(ExtractorProvider::name));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).name().equals(sorted.get(i - 1).name())) {
                throw new IllegalStateException("two " + kind + " providers are named '" + sorted.get(i).name() + "'");
            }
        }
        this.providers = List.copyOf(sorted);
    }

    /** The providers of {@code type} on the class path of {@code type}'s class loader. */
    public static <P extends ExtractorProvider<?>> ProviderRegistry<P> load(String kind, Class<P> type) {
        return load(kind, type, Thread.currentThread().getContextClassLoader());
    }

    public static <P extends ExtractorProvider<?>> ProviderRegistry<P> load(String kind, Class<P> type, ClassLoader loader) {
        List<P> found = new ArrayList<>();
        ServiceLoader.load(type, loader).forEach(found::add);
        return new ProviderRegistry<>(kind, found);
    }

    /** A registry over a fixed set of providers (tests, dependency injection). */
    public static <P extends ExtractorProvider<?>> ProviderRegistry<P> of(String kind, List<? extends P> providers) {
        return new ProviderRegistry<>(kind, List.copyOf(providers));
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

    /** {@code "text"}, {@code "face"} or {@code "voice"}. */
    public String kind() {
        return kind;
    }

    /** The system property that names the provider to use. */
    public String selectionProperty() {
        return "emospectrum." + kind + ".provider";
    }

    /** All providers, highest rank first. */
    public List<P> providers() {
        return providers;
    }

    public List<String> names() {
        return providers.stream().map(ExtractorProvider::name).toList();
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
            throw new ProviderNotFoundException("no " + kind + " extractor is on the classpath; add the EmoSpectrum "
                    + moduleHint() + " module (io.emospectrum:" + moduleHint() + ")", List.of());
        }
        return providers.get(0);
    }

    private String moduleHint() {
        return switch (kind) {
            case "text" -> "modality-text";
            case "face" -> "modality-image";
            case "voice" -> "modality-audio";
            default -> kind;
        };
    }
}
