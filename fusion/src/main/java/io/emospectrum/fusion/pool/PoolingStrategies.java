package io.emospectrum.fusion.pool;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.ProviderNotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pooling strategies on the class path, by name. Selection: an explicit name, else the
 * system property {@value #SELECTION_PROPERTY}, else {@value #DEFAULT}.
 */
public final class PoolingStrategies {
    public static final String SELECTION_PROPERTY = "emospectrum.fusion.strategy";
    public static final String DEFAULT = WeightedLinearPooling.NAME;

    private final List<PoolingStrategyProvider> providers;

    private PoolingStrategies(List<PoolingStrategyProvider> providers) {
        Set<String> seen = new TreeSet<>();
        for (PoolingStrategyProvider p : providers) {
            if (!seen.add(p.name())) {
                throw new IllegalStateException("two pooling strategies are named '" + p.name() + "'");
            }
        }
        this.providers = List.copyOf(providers);
    }

    public static PoolingStrategies load() {
        return load(Thread.currentThread().getContextClassLoader());
    }

    public static PoolingStrategies load(ClassLoader loader) {
        List<PoolingStrategyProvider> found = new ArrayList<>();
        ServiceLoader.load(PoolingStrategyProvider.class, loader).forEach(found::add);
        return new PoolingStrategies(found);
    }

    /** A fixed set (tests, dependency injection). */
    public static PoolingStrategies of(List<? extends PoolingStrategyProvider> providers) {
        return new PoolingStrategies(List.copyOf(providers));
    }

    public List<String> names() {
        return providers.stream().map(PoolingStrategyProvider::name).toList();
    }

    public Optional<PoolingStrategyProvider> find(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * Creates the strategy called {@code name} (null: the system property, else {@value #DEFAULT}).
     *
     * @throws ProviderNotFoundException naming the strategies that exist
     */
    public PoolingStrategy create(String name, Map<String, String> properties) {
        String wanted = name != null ? name : System.getProperty(SELECTION_PROPERTY, DEFAULT);
        return find(wanted.trim()).orElseThrow(() -> new ProviderNotFoundException(
                "no pooling strategy named '" + wanted.trim() + "'; available: " + String.join(", ", names()), names()))
                .create(properties);
    }

    /** Throws if {@code properties} holds a key not in {@code known}. */
    static void requireKnown(String strategy, Map<String, String> properties, Set<String> known) {
        Set<String> unknown = new TreeSet<>(properties.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new ConfigurationException("pooling strategy '" + strategy + "' does not know option(s) " + unknown
                    + "; known: " + new TreeSet<>(known));
        }
    }
}
