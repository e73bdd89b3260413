package io.emospectrum.server.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.emospectrum.fusion.call.CallOptions;
import io.emospectrum.fusion.call.CallRole;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.server.protocol.AudioEncoding;
import io.emospectrum.server.protocol.ErrorCode;
import io.emospectrum.server.protocol.ProtocolException;
import io.emospectrum.server.protocol.StartMessage;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Locale;

/**
 * Twilio Media Streams: JSON text messages {@code connected}, {@code start} (with
 * {@code mediaFormat} {@code audio/x-mulaw} at 8 kHz, mono per track), {@code media} (one track's
 * 20 ms of base64 mu-law) and {@code stop}; {@code mark} and {@code dtmf} are read and ignored, as
 * are events this server does not know (Twilio may add some). The {@code inbound} track (the
 * caller) is the customer, {@code outbound} the agent. Readings, the summary and errors go back in
 * the native protocol's JSON.
 */
public final class TwilioCallEndpoint extends CallEndpoint {
    public static final String PROTOCOL = "twilio";
    private static final int RATE = 8_000;

    private boolean hasAgentTrack;

    public TwilioCallEndpoint(CallContext ctx) {
        super(ctx, PROTOCOL);
    }

    @Override
    protected void handleText(String text) {
        JsonNode n = Json.object(ctx.mapper(), text);
        String event = n.path("event").asText("");
        switch (event) {
            case "connected", "mark", "dtmf" -> {
                // nothing to score
            }
            case "start" -> start(n.path("start"), n.path("streamSid").asText(""));
            case "media" -> media(n.path("media"));
            case "stop" -> {
                if (!started()) {
                    throw new ProtocolException(ErrorCode.NOT_STARTED, "stop before start");
                }
                stopCall();
            }
            case "" -> throw new ProtocolException(ErrorCode.BAD_MESSAGE, "a Twilio message needs an 'event' field");
            default -> {
                // a newer Twilio event: ignored, as Twilio's own clients do
            }
        }
    }

    private void start(JsonNode start, String streamSid) {
        if (start.isMissingNode()) {
            throw new ProtocolException(ErrorCode.BAD_MESSAGE, "the start event has no 'start' object");
        }
        JsonNode format = start.path("mediaFormat");
        String encoding = format.path("encoding").asText("audio/x-mulaw");
        if (!encoding.equalsIgnoreCase("audio/x-mulaw")) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_ENCODING, "media format '" + encoding
                    + "' is not supported; Twilio Media Streams send audio/x-mulaw");
        }
        int rate = format.path("sampleRate").asInt(RATE);
        int channels = format.path("channels").asInt(1);
        if (rate != RATE || channels != 1) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_ENCODING, "media format must be 8000 Hz mono per track, was "
                    + rate + " Hz x " + channels);
        }
        hasAgentTrack = false;
        for (JsonNode t : start.path("tracks")) {
            hasAgentTrack |= t.asText("").toLowerCase(Locale.ROOT).equals("outbound");
        }
        String callId = start.path("callSid").asText(start.path("streamSid").asText(streamSid));
        if (!StartMessage.isCallId(callId)) {
            throw new ProtocolException(ErrorCode.BAD_MESSAGE, "the start event needs a callSid or streamSid of 1 to 128 "
                    + "letters, digits and . _ : -");
        }
        // Channels here only say who is who; each track arrives on its own (acceptParty).
        startCall(callId, RATE, hasAgentTrack ? 2 : 1, new CallOptions(0, hasAgentTrack ? 1 : -1, false));
    }

    private void media(JsonNode media) {
        if (!started()) {
            throw new ProtocolException(ErrorCode.NOT_STARTED, "media arrived before the start event");
        }
        String track = media.path("track").asText("inbound");
        CallRole role;
        if (track.equals("inbound")) {
            role = CallRole.CUSTOMER;
        } else if (track.equals("outbound")) {
            if (!hasAgentTrack) {
                throw new ProtocolException(ErrorCode.BAD_MESSAGE, "outbound media on a stream whose start named no outbound track");
            }
            role = CallRole.AGENT;
        } else {
            throw new ProtocolException(ErrorCode.BAD_MESSAGE, "unknown track '" + track + "'");
        }
        JsonNode payload = media.get("payload");
        if (payload == null || !payload.isTextual()) {
            throw new ProtocolException(ErrorCode.BAD_MESSAGE, "a media event needs 'media.payload' (base64 mu-law)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(payload.asText());
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.BAD_AUDIO, "media.payload is not base64: " + e.getMessage());
        }
        if (bytes.length == 0) {
            return;
        }
        double at = media.path("timestamp").asDouble(0) / 1000.0;
        float[] samples = AudioEncoding.MULAW.decode(ByteBuffer.wrap(bytes));
        analyzer().acceptParty(role, AudioBuffer.of(samples, 1, RATE, at));
    }

    @Override
    protected void handleBinary(ByteBuffer bytes) {
        throw new ProtocolException(ErrorCode.BAD_MESSAGE, "Twilio Media Streams send JSON text messages, not binary ones");
    }
}
