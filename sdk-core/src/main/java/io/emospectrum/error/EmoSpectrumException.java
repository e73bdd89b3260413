package io.emospectrum.error;

/**
 * Root of every exception the SDK throws. Third-party exceptions (DJL, JavaCV, I/O) are wrapped
 * into a subclass where they enter the SDK, so callers need to catch one type.
 */
public class EmoSpectrumException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EmoSpectrumException(String message) {
        super(message);
    }

    public EmoSpectrumException(String message, Throwable cause) {
        super(message, cause);
    }
}
