package io.emospectrum.error;

/** A model could not be found, verified or loaded. */
public class ModelLoadException extends EmoSpectrumException {
    private static final long serialVersionUID = 1L;

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
