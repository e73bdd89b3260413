package io.emospectrum.server.protocol;

/**
 * The error codes of the call protocol, each with the WebSocket close status that ends a call
 * on that error (RFC 6455, section 7.4.1). Every code is documented in docs/server.md.
 */
public enum ErrorCode {
    /** A text message is not JSON, or not a JSON object. */
    BAD_JSON("bad_json", 1007),
    /** A JSON message lacks a field, has a wrong value, or is of an unknown type. */
    BAD_MESSAGE("bad_message", 1008),
    /** The start message names an encoding the server does not decode. */
    UNSUPPORTED_ENCODING("unsupported_encoding", 1003),
    /** Audio arrived before the start message, or a second start message came. */
    NOT_STARTED("not_started", 1008),
    /** A binary frame holds no whole number of sample frames, or samples that cannot be scored. */
    BAD_AUDIO("bad_audio", 1007),
    /** A message is larger than the server's limit. */
    FRAME_TOO_LARGE("frame_too_large", 1009),
    /** The server already serves its maximum of concurrent calls. */
    CAPACITY("capacity", 1013),
    /** Nothing arrived for longer than the idle timeout. */
    IDLE_TIMEOUT("idle_timeout", 1001),
    /** The client does not read what the server sends fast enough. */
    SLOW_CLIENT("slow_client", 1008),
    /** The server is shutting down; the call got its summary. */
    SHUTTING_DOWN("shutting_down", 1001),
    /** A failure inside the server; the call is ended. */
    INTERNAL("internal", 1011);

    private final String code;
    private final int closeStatus;

    ErrorCode(String code, int closeStatus) {
        this.code = code;
        this.closeStatus = closeStatus;
    }

    /** The value of the {@code code} field in error messages. */
    public String code() {
        return code;
    }

    /** The WebSocket close status the call ends with. */
    public int closeStatus() {
        return closeStatus;
    }
}
