package io.emospectrum.server.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The first message of a call on the native protocol:
 * {@code {"type":"start","callId":"c-1","sampleRate":8000,"encoding":"pcm16","channels":2,
 * "customerChannel":1,"agentChannel":0}}. Unknown fields are rejected, so a typo fails.
 *
 * @param callId          the caller's id for the call (1 to 128 characters of {@code [A-Za-z0-9._:-]})
 * @param sampleRate      samples per second per channel, 8,000 to 48,000
 * @param encoding        how samples are encoded
 * @param channels        interleaved channels per frame, 1 or 2
 * @param customerChannel the customer's channel
 * @param agentChannel    the agent's channel, or -1 when there is none
 */
public record StartMessage(String callId, int sampleRate, AudioEncoding encoding, int channels, int customerChannel,
                           int agentChannel) {
    private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Set<String> FIELDS = Set.of("type", "callId", "sampleRate", "encoding", "channels",
            "customerChannel", "agentChannel");

    public StartMessage {
        if (callId == null || !CALL_ID.matcher(callId).matches()) {
            throw bad("callId must be 1 to 128 characters of letters, digits and . _ : -");
        }
        if (sampleRate < 8_000 || sampleRate > 48_000) {
            throw bad("sampleRate must be between 8000 and 48000, was " + sampleRate);
        }
        if (channels < 1 || channels > 2) {
            throw bad("channels must be 1 or 2, was " + channels);
        }
        if (customerChannel < 0 || customerChannel >= channels) {
            throw bad("customerChannel " + customerChannel + " is not a channel of a " + channels + "-channel call");
        }
        if (agentChannel < -1 || agentChannel >= channels || agentChannel == customerChannel) {
            throw bad("agentChannel " + agentChannel + " must be another channel of the call, or -1 for none");
        }
    }

    /** Whether {@code id} is a valid call id (it ends up in logs and messages, so it is kept plain). */
    public static boolean isCallId(String id) {
        return id != null && CALL_ID.matcher(id).matches();
    }

    /** Bytes of one sample frame (one sample of every channel). */
    public int frameBytes() {
        return encoding.bytesPerSample() * channels;
    }

    /**
     * Reads a start message; defaults: {@code channels} 1, customer on channel 0 of a mono call
     * and 1 of a stereo call, the agent on the other channel (none in mono).
     *
     * @throws ProtocolException with {@link ErrorCode#BAD_MESSAGE} or {@link ErrorCode#UNSUPPORTED_ENCODING}
     */
    public static StartMessage parse(JsonNode n) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw bad("unknown field '" + f + "' in the start message; known: " + new java.util.TreeSet<>(FIELDS));
            }
        }
        String callId = text(n, "callId");
        int rate = integer(n, "sampleRate", null);
        AudioEncoding encoding = AudioEncoding.parse(text(n, "encoding"));
        int channels = integer(n, "channels", 1);
        int customer = integer(n, "customerChannel", channels == 1 ? 0 : 1);
        int agent = integer(n, "agentChannel", channels == 1 ? -1 : 1 - customer);
        return new StartMessage(callId, rate, encoding, channels, customer, agent);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw bad("the start message needs '" + field + "' as a string");
        }
        return v.asText();
    }

    private static int integer(JsonNode n, String field, Integer dflt) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (dflt == null) {
                throw bad("the start message needs '" + field + "' as an integer");
            }
            return dflt;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw bad("'" + field + "' must be an integer, was " + v);
        }
        return v.intValue();
    }

    private static ProtocolException bad(String message) {
        return new ProtocolException(ErrorCode.BAD_MESSAGE, message);
    }
}
