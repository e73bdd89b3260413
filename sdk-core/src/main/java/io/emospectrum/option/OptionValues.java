package io.emospectrum.option;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Options after {@link OptionSet#parse}: typed, checked, under their current names. Immutable. */
public final class OptionValues {
    private final Map<String, Object> values;
    private final Map<String, String> raw;

    OptionValues(Map<String, Object> values, Map<String, String> raw) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
    }

    /** The value the user gave, if any. */
    public <T> Optional<T> find(OptionKey<T> key) {
        @SuppressWarnings("unchecked") // put there by that key's own parser
        T v = (T) values.get(key.name());
        return Optional.ofNullable(v);
    }

    /**
     * The value the user gave, else the key's default.
     *
     * @throws IllegalStateException if the key has no default (use {@link #find})
     */
    public <T> T get(OptionKey<T> key) {
        return find(key).or(key::defaultValue).orElseThrow(() -> new IllegalStateException(
                "option '" + key.name() + "' has no default: use find()"));
    }

    public boolean isSet(OptionKey<?> key) {
        return values.containsKey(key.name());
    }

    /** The given options whose names start with {@code prefix}, prefix removed, as strings (to hand to a nested plugin). */
    public Map<String, String> rawWithPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }
}
