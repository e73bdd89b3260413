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
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The native call protocol as docs/server.md describes it, spoken by a client built on the JDK's
 * WebSocket alone, against a server on the bundled voice model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NativeProtocolIT {
    private static final int RATE = 8_000;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newHttpClient();
    private Extractors extractors;
    private EmoServer server;
    private URI calls;

    @BeforeAll
    void start() {
        extractors = TestServers.voiceOnly();
        server = EmoServer.start(TestServers.config().build(), extractors);
        calls = URI.create("ws://127.0.0.1:" + server.port() + "/v1/calls");
    }

    @AfterAll
    void stop() {
        server.close();
        extractors.close();
    }

    private static String start(String id, String encoding, int channels) {
        return "{\"type\":\"start\",\"callId\":\"" + id + "\",\"sampleRate\":8000,\"encoding\":\"" + encoding
                + "\",\"channels\":" + channels + (channels == 2 ? ",\"customerChannel\":1,\"agentChannel\":0" : "") + "}";
    }

    /** A stereo call: the agent (channel 0) and the customer (channel 1) taking turns. */
    private static float[] stereoCall(double seconds) {
        float[] agent = SyntheticSpeech.mono(RATE, seconds, 120, 1);
        float[] customer = SyntheticSpeech.mono(RATE, seconds, 210, 2);
        return SyntheticSpeech.stereo(agent, customer);
    }

    private static void sendFrames(WsClient c, float[] interleaved, int channels, int fromFrame, int toFrame) {
        int per = RATE / 50; // 20 ms
        for (int f = fromFrame; f < toFrame; f += per) {
            int end = Math.min(toFrame, f + per);
            c.sendBinary(SyntheticSpeech.pcm16(interleaved, f * channels, end * channels));
        }
    }

    @Test
    void aStereoCallGetsReadingsAsWindowsCompleteAndASummary() throws Exception {
        float[] call = stereoCall(20);
        int frames = call.length / 2;
        try (WsClient c = WsClient.connect(http, calls, TestServers.TOKEN)) {
            c.sendText(start("stereo-1", "pcm16", 2));
            JsonNode started = c.next(WAIT).json();
            assertThat(started.path("type").asText()).isEqualTo("started");
            assertThat(started.path("callId").asText()).isEqualTo("stereo-1");
            assertThat(started.path("parties")).extracting(JsonNode::asText).containsExactly("customer");

            // Half the call, then a reading must arrive while the call is still open.
            sendFrames(c, call, 2, 0, frames / 2);
            JsonNode first = c.next(WAIT).json();
            assertThat(first.path("type").asText()).isEqualTo("window");
            sendFrames(c, call, 2, frames / 2, frames);
            c.sendText("{\"type\":\"stop\"}");
            List<JsonNode> rest = c.until("summary", WAIT);
            List<JsonNode> windows = new java.util.ArrayList<>();
            windows.add(first);
            windows.addAll(rest.subList(0, rest.size() - 1));
            JsonNode summary = rest.get(rest.size() - 1);

            assertThat(windows).hasSizeGreaterThan(20).allSatisfy(w -> {
                assertThat(w.path("type").asText()).isEqualTo("window");
                assertThat(w.path("callId").asText()).isEqualTo("stereo-1");
                assertThat(w.path("subject").asText()).isEqualTo("customer");
                assertThat(w.path("vector")).hasSize(9);
                double sum = 0;
                for (int i = 0; i < 7; i++) {
                    sum += w.path("vector").get(i).asDouble();
                }
                assertThat(sum).isCloseTo(1.0, within(1e-3));
                assertThat(w.path("end").asDouble()).isGreaterThan(w.path("start").asDouble()).isLessThanOrEqualTo(20.0 + 1e-6);
            });
            for (int i = 1; i < windows.size(); i++) {
                assertThat(windows.get(i).path("start").asDouble()).isGreaterThanOrEqualTo(windows.get(i - 1).path("start").asDouble());
            }
            assertThat(summary.path("callId").asText()).isEqualTo("stereo-1");
            assertThat(summary.path("duration").asDouble()).isCloseTo(20.0, within(0.01));
            assertThat(summary.path("parties")).hasSize(1);
            JsonNode party = summary.path("parties").get(0);
            assertThat(party.path("party").asText()).isEqualTo("customer");
            assertThat(party.path("scoredWindows").asInt()).isEqualTo(windows.size());
            assertThat(party.path("overall").path("vector")).hasSize(9);
            assertThat(party.path("trend").path("direction").asText()).isIn("improving", "steady", "worsening");
            assertThat(c.awaitClose(WAIT)).isEqualTo(new WsClient.Closed(1000, "call ended"));
        }
    }

    @Test
    void muLawAndALawCallsAreDecoded() throws Exception {
        float[] voice = SyntheticSpeech.mono(RATE, 6, 180, 3);
        for (String encoding : List.of("mulaw", "alaw")) {
            byte[] bytes = new byte[voice.length];
            for (int i = 0; i < voice.length; i++) {
                bytes[i] = encoding.equals("mulaw") ? SyntheticSpeech.mulaw(voice[i]) : alaw(voice[i]);
            }
            try (WsClient c = WsClient.connect(http, calls, TestServers.TOKEN)) {
                c.sendText(start("g711-" + encoding, encoding, 1));
                for (int i = 0; i < bytes.length; i += 160) {
                    c.sendBinary(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 160)));
                }
                c.sendText("{\"type\":\"stop\"}");
                List<JsonNode> got = c.until("summary", WAIT);
                assertThat(got.get(0).path("type").asText()).isEqualTo("started");
                assertThat(got.subList(1, got.size() - 1)).as(encoding).hasSizeGreaterThan(5)
                        .allSatisfy(w -> assertThat(w.path("type").asText()).isEqualTo("window"));
                assertThat(got.get(got.size() - 1).path("duration").asDouble()).isCloseTo(6.0, within(0.01));
            }
        }
    }

    /** G.711 A-law encoding of one sample (the reference algorithm). */
    private static byte alaw(float sample) {
        int pcm = Math.round(Math.max(-1f, Math.min(1f, sample)) * 32767) >> 3; // 13-bit
        int sign = pcm >= 0 ? 0x80 : 0;
        int mag = pcm >= 0 ? pcm : -pcm - 1;
        int seg = 0;
        for (int v = mag >> 5; v > 0 && seg < 7; v >>= 1) {
            seg++;
        }
        int mantissa = seg == 0 ? (mag >> 1) & 0x0F : (mag >> seg) & 0x0F;
        return (byte) ((sign | (seg << 4) | mantissa) ^ 0x55);
    }

    @Test
    void protocolErrorsGetAnErrorMessageAndTheirCloseStatus() throws Exception {
        List<Object[]> cases = List.of(
                new Object[] {"not JSON", "{oops", null, "bad_json", 1007},
                new Object[] {"unknown type", "{\"type\":\"dance\"}", null, "bad_message", 1008},
                new Object[] {"unknown field", "{\"type\":\"start\",\"callId\":\"x\",\"sampleRate\":8000,\"encoding\":\"pcm16\",\"colour\":1}",
                        null, "bad_message", 1008},
                new Object[] {"wrong encoding", start("enc", "opus", 1), null, "unsupported_encoding", 1003},
                new Object[] {"audio first", null, new byte[320], "not_started", 1008},
                new Object[] {"half a sample", start("odd", "pcm16", 2), new byte[321], "bad_audio", 1007},
                new Object[] {"oversize frame", start("big", "pcm16", 1), new byte[70_000], "frame_too_large", 1009});
        for (Object[] k : cases) {
            try (WsClient c = WsClient.connect(http, calls, TestServers.TOKEN)) {
                if (k[1] != null) {
                    c.sendText((String) k[1]);
                }
                if (k[2] != null) {
                    c.sendBinary((byte[]) k[2]);
                }
                JsonNode error = null;
                for (JsonNode m : c.until("error", WAIT)) {
                    error = m;
                }
                assertThat(error.path("code").asText()).as((String) k[0]).isEqualTo(k[3]);
                assertThat(error.path("message").asText()).as((String) k[0]).isNotBlank();
                assertThat(c.awaitClose(WAIT).status()).as((String) k[0]).isEqualTo(k[4]);
            }
        }
        awaitNoCalls();
    }

    @Test
    void aCallEndedByAnErrorAfterStartStillGetsItsSummary() throws Exception {
        try (WsClient c = WsClient.connect(http, calls, TestServers.TOKEN)) {
            c.sendText(start("err-after-start", "pcm16", 1));
            c.sendBinary(SyntheticSpeech.pcm16(SyntheticSpeech.mono(RATE, 3, 200, 4), 0, 3 * RATE));
            c.sendBinary(new byte[3]);
            List<JsonNode> got = c.until("summary", WAIT);
            assertThat(got).extracting(m -> m.path("type").asText()).contains("started", "error").endsWith("summary");
            assertThat(got.get(got.size() - 1).path("duration").asDouble()).isCloseTo(3.0, within(0.01));
            assertThat(c.awaitClose(WAIT).status()).isEqualTo(1007);
        }
    }

    @Test
    void withoutAValidTokenTheHandshakeIsRefused() {
        for (String token : new String[] {null, "wrong-token-wrong-token"}) {
            assertThatThrownBy(() -> WsClient.connect(http, calls, token))
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(401));
        }
    }

    @Test
    void theTokenMayComeAsAQueryParameter() throws Exception {
        URI withToken = URI.create(calls + "?access_token=" + TestServers.TOKEN);
        try (WsClient c = WsClient.connect(http, withToken, null)) {
            c.sendText(start("query-token", "pcm16", 1));
            assertThat(c.next(WAIT).json().path("type").asText()).isEqualTo("started");
        }
    }

    @Test
    void anAbruptDisconnectFreesTheCallAndOthersGoOn() throws Exception {
        float[] voice = SyntheticSpeech.mono(RATE, 4, 200, 5);
        try (WsClient a = WsClient.connect(http, calls, TestServers.TOKEN);
             WsClient b = WsClient.connect(http, calls, TestServers.TOKEN)) {
            a.sendText(start("abrupt", "pcm16", 1));
            b.sendText(start("survivor", "pcm16", 1));
            a.sendBinary(SyntheticSpeech.pcm16(voice, 0, RATE));
            a.abort();
            b.sendBinary(SyntheticSpeech.pcm16(voice, 0, voice.length / 2));
            b.sendBinary(SyntheticSpeech.pcm16(voice, voice.length / 2, voice.length));
            b.sendText("{\"type\":\"stop\"}");
            List<JsonNode> got = b.until("summary", WAIT);
            assertThat(got.get(got.size() - 1).path("callId").asText()).isEqualTo("survivor");
        }
        awaitNoCalls();
    }

    private void awaitNoCalls() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.openCalls() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.openCalls()).isZero();
    }
}
