package io.emospectrum.server.protocol;

import io.emospectrum.error.InvalidInputException;

/** A client broke the call protocol; the code says how, and how the call is closed. */
public class ProtocolException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
