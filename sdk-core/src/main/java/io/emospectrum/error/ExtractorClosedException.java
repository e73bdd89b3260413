package io.emospectrum.error;

/** A call reached an extractor (or one of its streams or trackers) after it was closed. */
public class ExtractorClosedException extends EmoSpectrumException {
    private static final long serialVersionUID = 1L;

    public ExtractorClosedException(String message) {
        super(message);
    }
}
