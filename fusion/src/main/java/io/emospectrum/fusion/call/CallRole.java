package io.emospectrum.fusion.call;

import java.util.Locale;

/** A party of a call. */
public enum CallRole {
    CUSTOMER,
    AGENT;

    /** The subject id its readings carry ({@code "customer"}, {@code "agent"}). */
    public String subject() {
        return name().toLowerCase(Locale.ROOT);
    }
}
