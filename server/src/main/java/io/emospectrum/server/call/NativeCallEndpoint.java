package io.emospectrum.server.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.emospectrum.fusion.call.CallOptions;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.server.protocol.ErrorCode;
import io.emospectrum.server.protocol.ProtocolException;
import io.emospectrum.server.protocol.StartMessage;

import java.nio.ByteBuffer;

/**
 * The native protocol (docs/server.md): a JSON {@code start} message, binary frames of
 * interleaved audio in the announced encoding, a JSON {@code stop} message; readings, the
 * summary and errors come back as JSON.
 */
public final class NativeCallEndpoint extends CallEndpoint {
    public static final String PROTOCOL = "native";

    private StartMessage start;
    private long frames;

    public NativeCallEndpoint(CallContext ctx) {
        super(ctx, PROTOCOL);
    }

    @Override
    protected void handleText(String text) {
        JsonNode n = Json.object(ctx.mapper(), text);
        String type = n.path("type").asText("");
        switch (type) {
            case "start" -> {
                if (start != null) {
                    throw new ProtocolException(ErrorCode.NOT_STARTED, "the call is already started");
                }
                StartMessage m = StartMessage.parse(n);
                startCall(m.callId(), m.sampleRate(), m.channels(),
                        new CallOptions(m.customerChannel(), m.agentChannel(), false));
                start = m;
            }
            case "stop" -> {
                if (start == null) {
                    throw new ProtocolException(ErrorCode.NOT_STARTED, "stop before start");
                }
                stopCall();
            }
            default -> throw new ProtocolException(ErrorCode.BAD_MESSAGE,
                    "unknown message type '" + type + "'; the client sends 'start' and 'stop' (and binary audio)");
        }
    }

    @Override
    protected void handleBinary(ByteBuffer bytes) {
        if (start == null) {
            throw new ProtocolException(ErrorCode.NOT_STARTED, "audio arrived before the start message");
        }
        int frameBytes = start.frameBytes();
        if (bytes.remaining() == 0 || bytes.remaining() % frameBytes != 0) {
            throw new ProtocolException(ErrorCode.BAD_AUDIO, "a binary message of " + bytes.remaining() + " bytes is not a whole "
                    + "number of " + frameBytes + "-byte sample frames (" + start.encoding().key() + " x " + start.channels() + " channels)");
        }
        float[] samples = start.encoding().decode(bytes);
        analyzer().accept(AudioBuffer.of(samples, start.channels(), start.sampleRate(), frames / (double) start.sampleRate()));
        frames += samples.length / start.channels();
    }
}
