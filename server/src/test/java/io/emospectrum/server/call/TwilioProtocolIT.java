package io.emospectrum.server.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.emospectrum.server.EmoServer;
import io.emospectrum.server.Extractors;
import io.emospectrum.server.testing.SyntheticSpeech;
import io.emospectrum.server.testing.TestServers;
import io.emospectrum.server.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A Twilio Media Streams client (the events Twilio sends, as Twilio documents them) against /v1/twilio. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwilioProtocolIT {
    private static final int RATE = 8_000;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SID = "MZ00000000000000000000000000000001";
    private final HttpClient http = HttpClient.newHttpClient();
    private Extractors extractors;
    private EmoServer server;
    private URI twilio;

    @BeforeAll
    void start() {
        extractors = TestServers.voiceOnly();
        server = EmoServer.start(TestServers.config().build(), extractors);
        twilio = URI.create("ws://127.0.0.1:" + server.port() + "/v1/twilio?access_token=" + TestServers.TOKEN);
    }

    @AfterAll
    void stop() {
        server.close();
        extractors.close();
    }

    private static String media(int seq, String track, int chunk, byte[] mulaw) {
        return "{\"event\":\"media\",\"sequenceNumber\":\"" + seq + "\",\"media\":{\"track\":\"" + track + "\",\"chunk\":\"" + chunk
                + "\",\"timestamp\":\"" + (chunk - 1) * 20 + "\",\"payload\":\"" + Base64.getEncoder().encodeToString(mulaw)
                + "\"},\"streamSid\":\"" + SID + "\"}";
    }

    private static byte[] mulaw(float[] x, int from, int to) {
        byte[] b = new byte[to - from];
        for (int i = from; i < to; i++) {
            b[i - from] = SyntheticSpeech.mulaw(x[i]);
        }
        return b;
    }

    @Test
    void aTwilioStreamWithBothTracksGetsCustomerReadingsAndASummary() throws Exception {
        float[] caller = SyntheticSpeech.mono(RATE, 12, 210, 11);
        float[] agent = SyntheticSpeech.mono(RATE, 12, 120, 12);
        try (WsClient c = WsClient.connect(http, twilio, null)) {
            int seq = 1;
            c.sendText("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
            c.sendText("{\"event\":\"start\",\"sequenceNumber\":\"" + seq++ + "\",\"start\":{\"accountSid\":\"AC0\",\"streamSid\":\""
                    + SID + "\",\"callSid\":\"CA0000000000000000000000000000000a\",\"tracks\":[\"inbound\",\"outbound\"],"
                    + "\"customParameters\":{},\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1}},"
                    + "\"streamSid\":\"" + SID + "\"}");
            JsonNode started = c.next(WAIT).json();
            assertThat(started.path("callId").asText()).isEqualTo("CA0000000000000000000000000000000a");
            assertThat(started.path("parties")).extracting(JsonNode::asText).containsExactly("customer");
            int chunk = 1;
            for (int i = 0; i < caller.length; i += 160, chunk++) {
                c.sendText(media(seq++, "inbound", chunk, mulaw(caller, i, i + 160)));
                c.sendText(media(seq++, "outbound", chunk, mulaw(agent, i, i + 160)));
                if (i % 1600 == 0) {
                    c.sendText("{\"event\":\"mark\",\"sequenceNumber\":\"" + seq++ + "\",\"streamSid\":\"" + SID
                            + "\",\"mark\":{\"name\":\"m" + i + "\"}}");
                }
            }
            c.sendText("{\"event\":\"stop\",\"sequenceNumber\":\"" + seq + "\",\"streamSid\":\"" + SID
                    + "\",\"stop\":{\"accountSid\":\"AC0\",\"callSid\":\"CA0000000000000000000000000000000a\"}}");
            List<JsonNode> got = c.until("summary", WAIT);
            List<JsonNode> windows = got.subList(0, got.size() - 1);
            assertThat(windows).hasSizeGreaterThan(10).allSatisfy(w -> {
                assertThat(w.path("type").asText()).isEqualTo("window");
                assertThat(w.path("subject").asText()).isEqualTo("customer");
                assertThat(w.path("vector")).hasSize(9);
            });
            JsonNode summary = got.get(got.size() - 1);
            assertThat(summary.path("duration").asDouble()).isCloseTo(12.0, within(0.01));
            assertThat(summary.path("parties")).hasSize(1);
            assertThat(summary.path("parties").get(0).path("scoredWindows").asInt()).isEqualTo(windows.size());
            assertThat(c.awaitClose(WAIT).status()).isEqualTo(1000);
        }
    }

    @Test
    void mediaBeforeStartAndForeignFormatsAreErrors() throws Exception {
        try (WsClient c = WsClient.connect(http, twilio, null)) {
            c.sendText(media(1, "inbound", 1, new byte[160]));
            assertThat(c.next(WAIT).json().path("code").asText()).isEqualTo("not_started");
            assertThat(c.awaitClose(WAIT).status()).isEqualTo(1008);
        }
        try (WsClient c = WsClient.connect(http, twilio, null)) {
            c.sendText("{\"event\":\"start\",\"start\":{\"streamSid\":\"" + SID + "\",\"tracks\":[\"inbound\"],"
                    + "\"mediaFormat\":{\"encoding\":\"audio/l16\",\"sampleRate\":16000,\"channels\":1}}}");
            assertThat(c.next(WAIT).json().path("code").asText()).isEqualTo("unsupported_encoding");
            assertThat(c.awaitClose(WAIT).status()).isEqualTo(1003);
        }
        try (WsClient c = WsClient.connect(http, twilio, null)) {
            c.sendText("{\"event\":\"start\",\"start\":{\"streamSid\":\"" + SID + "\",\"tracks\":[\"inbound\"]}}");
            c.next(WAIT);
            c.sendText("{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\"***not base64***\"}}");
            List<JsonNode> got = c.until("summary", WAIT);
            assertThat(got).extracting(m -> m.path("code").asText("")).contains("bad_audio");
        }
    }
}
