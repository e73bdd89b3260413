package io.emospectrum.spectrum;

import java.util.Objects;

/** The model that produced a reading: a stable name and its version. */
public record ModelId(String name, String version) {
    public ModelId {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (name.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank");
        }
    }

    @Override
    public String toString() {
        return name + "@" + version;
    }
}
