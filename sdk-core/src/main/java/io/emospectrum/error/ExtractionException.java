package io.emospectrum.error;

/** Inference failed for a reason that is not the input's fault (engine error, native failure). */
public class ExtractionException extends EmoSpectrumException {
    private static final long serialVersionUID = 1L;

    public ExtractionException(String message, Throwable cause) {
        super(message, cause);
    }
}
