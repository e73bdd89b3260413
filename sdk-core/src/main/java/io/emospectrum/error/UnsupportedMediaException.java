package io.emospectrum.error;

/** The input's format, codec, sample rate or layout is not one the extractor can read. */
public class UnsupportedMediaException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public UnsupportedMediaException(String message) {
        super(message);
    }

    public UnsupportedMediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
