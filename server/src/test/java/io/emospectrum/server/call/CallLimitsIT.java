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
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Server-wide settings: the call limit, the idle timeout, scoring the agent, graceful shutdown. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallLimitsIT {
    private static final int RATE = 8_000;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String START = "{\"type\":\"start\",\"callId\":\"%s\",\"sampleRate\":8000,\"encoding\":\"pcm16\","
            + "\"channels\":2,\"customerChannel\":1,\"agentChannel\":0}";
    private final HttpClient http = HttpClient.newHttpClient();
    private Extractors extractors;

    @BeforeAll
    void load() {
        extractors = TestServers.voiceOnly();
    }

    @AfterAll
    void close() {
        extractors.close();
    }

    private static URI calls(EmoServer s) {
        return URI.create("ws://127.0.0.1:" + s.port() + "/v1/calls");
    }

    private static byte[] stereo(double seconds) {
        float[] s = SyntheticSpeech.stereo(SyntheticSpeech.mono(RATE, seconds, 120, 7), SyntheticSpeech.mono(RATE, seconds, 220, 8));
        return SyntheticSpeech.pcm16(s, 0, s.length);
    }

    /** In messages of 1 s (32,000 bytes of 8 kHz stereo PCM16), under the 64 KiB limit. */
    private static void sendChunked(WsClient c, byte[] pcm) {
        for (int i = 0; i < pcm.length; i += 32_000) {
            c.sendBinary(java.util.Arrays.copyOfRange(pcm, i, Math.min(pcm.length, i + 32_000)));
        }
    }

    @Test
    void callsBeyondTheLimitAreRefusedWith1013() throws Exception {
        try (EmoServer server = EmoServer.start(TestServers.config().maxCalls(1).build(), extractors);
             WsClient first = WsClient.connect(http, calls(server), TestServers.TOKEN)) {
            first.sendText(START.formatted("first"));
            assertThat(first.next(WAIT).json().path("type").asText()).isEqualTo("started");
            try (WsClient second = WsClient.connect(http, calls(server), TestServers.TOKEN)) {
                JsonNode error = second.next(WAIT).json();
                assertThat(error.path("type").asText()).isEqualTo("error");
                assertThat(error.path("code").asText()).isEqualTo("capacity");
                assertThat(second.awaitClose(WAIT).status()).isEqualTo(1013);
            }
            assertThat(server.openCalls()).isEqualTo(1);
            first.sendText("{\"type\":\"stop\"}");
            first.until("summary", WAIT);
        }
    }

    @Test
    void anIdleCallIsEndedWithAnErrorAndItsSummary() throws Exception {
        try (EmoServer server = EmoServer.start(TestServers.config().idleTimeout(Duration.ofSeconds(2)).build(), extractors);
             WsClient c = WsClient.connect(http, calls(server), TestServers.TOKEN)) {
            c.sendText(START.formatted("idle"));
            c.sendBinary(stereo(1));
            List<JsonNode> got = c.until("summary", WAIT);
            assertThat(got).extracting(m -> m.path("code").asText("")).contains("idle_timeout");
            assertThat(c.awaitClose(WAIT).status()).isEqualTo(1001);
        }
    }

    @Test
    void theAgentIsScoredOnlyWhenTheOperatorTurnsItOn() throws Exception {
        try (EmoServer server = EmoServer.start(TestServers.config().scoreAgent(true).build(), extractors);
             WsClient c = WsClient.connect(http, calls(server), TestServers.TOKEN)) {
            c.sendText(START.formatted("agent-on"));
            assertThat(c.next(WAIT).json().path("parties")).extracting(JsonNode::asText).containsExactly("customer", "agent");
            sendChunked(c, stereo(8));
            c.sendText("{\"type\":\"stop\"}");
            List<JsonNode> got = c.until("summary", WAIT);
            assertThat(got.subList(0, got.size() - 1)).extracting(m -> m.path("subject").asText()).contains("customer", "agent");
            assertThat(got.get(got.size() - 1).path("parties")).hasSize(2);
        }
    }

    @Test
    void shutdownGivesOpenCallsTheirSummariesThenRefusesNewOnes() throws Exception {
        EmoServer server = EmoServer.start(TestServers.config().build(), extractors);
        URI uri = calls(server);
        try (WsClient a = WsClient.connect(http, uri, TestServers.TOKEN);
             WsClient b = WsClient.connect(http, uri, TestServers.TOKEN)) {
            a.sendText(START.formatted("open-a"));
            b.sendText(START.formatted("open-b"));
            sendChunked(a, stereo(3));
            sendChunked(b, stereo(3));
            a.until("window", WAIT); // the audio is being scored
            b.until("window", WAIT);
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            for (WsClient c : List.of(a, b)) {
                List<JsonNode> got = c.until("summary", WAIT);
                assertThat(got.get(got.size() - 1).path("duration").asDouble()).isGreaterThan(2.9);
                WsClient.Closed closed = c.awaitClose(WAIT);
                assertThat(closed.status()).isEqualTo(1001);
            }
            closing.get();
            assertThat(server.openCalls()).isZero();
        }
    }
}
