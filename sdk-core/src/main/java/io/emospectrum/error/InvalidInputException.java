package io.emospectrum.error;

/** The caller's input cannot be analyzed as given: empty, corrupt, out of range or of the wrong kind. */
public class InvalidInputException extends EmoSpectrumException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
