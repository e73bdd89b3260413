package io.emospectrum.server.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emospectrum.server.protocol.ErrorCode;
import io.emospectrum.server.protocol.ProtocolException;

/** Parsing of incoming text messages. */
final class Json {
    private Json() {
    }

    /** @throws ProtocolException ({@link ErrorCode#BAD_JSON}) unless {@code text} is one JSON object */
    static JsonNode object(ObjectMapper mapper, String text) {
        JsonNode n;
        try {
            n = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "a text message is not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "a text message must be a JSON object");
        }
        return n;
    }
}
