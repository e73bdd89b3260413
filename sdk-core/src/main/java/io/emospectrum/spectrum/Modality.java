package io.emospectrum.spectrum;

import java.util.Locale;

/** Where a reading came from. */
public enum Modality {
    TEXT,
    FACE,
    VOICE,
    /** Pooled from several modalities by fusion. */
    FUSED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
