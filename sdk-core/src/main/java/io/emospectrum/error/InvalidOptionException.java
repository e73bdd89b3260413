package io.emospectrum.error;

/**
 * A provider option that is unknown, of the wrong type or out of range. Names the option and
 * what it accepts, so that a caller (or the CLI) can say exactly what to change.
 */
public class InvalidOptionException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    private final String option;
    private final String allowed;

    public InvalidOptionException(String message, String option, String allowed) {
        super(message);
        this.option = option;
        this.allowed = allowed;
    }

    /** The option's name as the caller wrote it. */
    public String option() {
        return option;
    }

    /** What the option accepts ("an integer in [16, 512]"), or the known option names for an unknown one. */
    public String allowed() {
        return allowed;
    }
}
