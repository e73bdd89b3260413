package io.emospectrum.error;

/** Options that do not make sense: unknown keys, out-of-range values, unparsable settings. */
public class ConfigurationException extends EmoSpectrumException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }

    public ConfigurationException(String message) {
        super(message);
    }
}
