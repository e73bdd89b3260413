package io.emospectrum.option;

import io.emospectrum.error.InvalidOptionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The options one provider declares, and the one parser for them: {@link #parse} turns a user's
 * raw {@code KEY=VALUE} strings into typed {@link OptionValues}, rejecting unknown keys (naming the
 * known ones), wrong types and values out of range, and accepting old spellings with a warning.
 * Immutable.
 */
public final class OptionSet {
    /** No options at all. */
    public static final OptionSet NONE = new OptionSet(List.of());

    private static final Logger LOG = LoggerFactory.getLogger(OptionSet.class);

    private final List<OptionKey<?>> keys;
    private final Map<String, OptionKey<?>> byName = new LinkedHashMap<>();
    private final Map<String, OptionKey<?>> byAlias = new LinkedHashMap<>();

    private OptionSet(List<OptionKey<?>> keys) {
        this.keys = List.copyOf(keys);
        for (OptionKey<?> k : this.keys) {
            if (byName.put(k.name(), k) != null) {
                throw new IllegalArgumentException("option '" + k.name() + "' is declared twice");
            }
        }
        for (OptionKey<?> k : this.keys) {
            for (String a : k.aliases()) {
                if (byName.containsKey(a) || byAlias.put(a, k) != null) {
                    throw new IllegalArgumentException("alias '" + a + "' of option '" + k.name() + "' is taken");
                }
            }
        }
    }

    public static OptionSet of(OptionKey<?>... keys) {
        return new OptionSet(List.of(keys));
    }

    public static OptionSet of(List<? extends OptionKey<?>> keys) {
        return new OptionSet(List.copyOf(keys));
    }

    /** The declared keys, in declaration order. */
    public List<OptionKey<?>> keys() {
        return keys;
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** These keys and {@code more}'s. */
    public OptionSet plus(OptionSet more) {
        List<OptionKey<?>> all = new ArrayList<>(keys);
        all.addAll(more.keys);
        return new OptionSet(all);
    }

    /**
     * These keys in a namespace: {@code prefix + name}, with {@code legacyPrefix + name} (and the
     * aliases under both) as deprecated spellings. A face extractor passes {@code detector-min-score}
     * to its detector as {@code min-score} this way.
     */
    public OptionSet prefixed(String prefix, String legacyPrefix, String helpPrefix) {
        List<OptionKey<?>> renamed = new ArrayList<>();
        for (OptionKey<?> k : keys) {
            renamed.add(k.renamed(prefix, legacyPrefix == null ? List.of() : List.of(legacyPrefix)).withHelp(helpPrefix + k.help()));
        }
        return new OptionSet(renamed);
    }

    /**
     * Checks and types {@code raw}.
     *
     * @param owner the provider's name, for messages
     * @throws InvalidOptionException for an unknown key (naming the known ones), a key given twice
     *                                (under its name and an old spelling), a value of the wrong type or out of range
     */
    public OptionValues parse(String owner, Map<String, String> raw) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> rawByName = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String written = e.getKey();
            OptionKey<?> key = byName.get(written);
            if (key == null) {
                key = byAlias.get(written);
                if (key != null) {
                    LOG.warn("{}: option '{}' is deprecated; use '{}'", owner, written, key.name());
                }
            }
            if (key == null) {
                unknown.add(written);
                continue;
            }
            if (rawByName.containsKey(key.name())) {
                throw new InvalidOptionException(owner + ": option '" + key.name() + "' is given twice (also as an old spelling)",
                        written, key.allowed());
            }
            values.put(key.name(), key.parse(owner, written, e.getValue()));
            rawByName.put(key.name(), e.getValue().trim());
        }
        if (!unknown.isEmpty()) {
            String known = keys.isEmpty() ? "none" : String.join(", ", new TreeSet<>(byName.keySet()));
            throw new InvalidOptionException(owner + " does not know option(s) " + unknown + "; known: " + known,
                    unknown.get(0), known);
        }
        return new OptionValues(values, rawByName);
    }

    @Override
    public String toString() {
        return keys.toString();
    }
}
