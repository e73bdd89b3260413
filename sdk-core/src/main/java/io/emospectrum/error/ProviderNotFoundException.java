package io.emospectrum.error;

import java.util.List;

/** No provider of the requested kind, or none with the requested name, is on the classpath. */
public class ProviderNotFoundException extends EmoSpectrumException {
    private static final long serialVersionUID = 1L;

    private final List<String> available;

    public ProviderNotFoundException(String message, List<String> available) {
        super(message);
        this.available = List.copyOf(available);
    }

    /** The names that are available, for error messages and suggestions. */
    public List<String> available() {
        return available;
    }
}
