package io.emospectrum.server.http;

import io.emospectrum.error.EmoSpectrumException;

/** A request that fails with a given HTTP status and a message for the client. */
final class HttpStatusException extends EmoSpectrumException {
    private static final long serialVersionUID = 1L;

    private final int status;

    HttpStatusException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
