package io.emospectrum.error;

import java.nio.file.Path;

/** A model file's SHA-256 differs from the one its manifest declares: it was altered or truncated. */
public class ChecksumMismatchException extends ModelLoadException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String expected;
    private final String actual;

    public ChecksumMismatchException(String file, String expected, String actual) {
        this("SHA-256 mismatch for model file '" + file + "': manifest says " + expected + ", file has " + actual,
                file, expected, actual);
    }

    /** With a message of the caller's (the expected value came from somewhere else than a manifest). */
    public ChecksumMismatchException(String message, String file, String expected, String actual) {
        super(message);
        this.file = file;
        this.expected = expected;
        this.actual = actual;
    }

    public ChecksumMismatchException(Path file, String expected, String actual) {
        this(file.toString(), expected, actual);
    }

    public String file() {
        return file;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
