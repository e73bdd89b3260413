package io.emospectrum.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emospectrum.json.ReadingJson;
import io.emospectrum.server.EmoServer;
import io.emospectrum.server.Extractors;
import io.emospectrum.server.testing.SyntheticSpeech;
import io.emospectrum.server.testing.TestServers;
import io.emospectrum.spi.ExtractorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The one-shot endpoints and operations endpoints, over real HTTP, on the bundled models. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Extractors extractors;
    private EmoServer server;

    @BeforeAll
    void start() {
        extractors = Extractors.load(ExtractorOptions.defaults());
        server = EmoServer.start(TestServers.config().maxBodyBytes(2 << 20).build(), extractors);
    }

    @AfterAll
    void stop() {
        server.close();
        extractors.close();
    }

    private HttpResponse<String> post(String path, String type, byte[] body, boolean auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        if (auth) {
            b.header("Authorization", "Bearer " + TestServers.TOKEN);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, boolean auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path)).GET();
        if (auth) {
            b.header("Authorization", "Bearer " + TestServers.TOKEN);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> lines(String ndjson) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : ndjson.split("\n")) {
            if (!l.isBlank()) {
                out.add(MAPPER.readTree(l));
            }
        }
        return out;
    }

    @Test
    void healthAndReadinessNeedNoToken() throws Exception {
        assertThat(get("/health", false).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/ready", false);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(ready.body()).path("status").asText()).isEqualTo("ready");
    }

    @Test
    void metricsNeedTheTokenAndSpeakPrometheus() throws Exception {
        assertThat(get("/metrics", false).statusCode()).isEqualTo(401);
        HttpResponse<String> m = get("/metrics", true);
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.body()).contains("# TYPE emospectrum_calls_active gauge", "emospectrum_window_latency_seconds_bucket",
                "emospectrum_scoring_queue_depth", "jvm_threads_live_threads");
    }

    @Test
    void textGivesWhatTheCliPrintsOneObjectPerLine() throws Exception {
        HttpResponse<String> r = post("/v1/text", "text/plain; charset=utf-8",
                "Thank you so much, this made my day!\nThe train was late again and I am furious.\nOh great, another Monday. Just what I needed.\n"
                        .getBytes(StandardCharsets.UTF_8), true);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        List<JsonNode> got = lines(r.body());
        assertThat(got).hasSize(3);
        ReadingJson json = new ReadingJson(MAPPER);
        var direct = json.toNode(extractors.text().orElseThrow().analyze("The train was late again and I am furious.").overall());
        assertThat(got.get(1).path("line").asInt()).isEqualTo(2);
        for (int i = 0; i < 9; i++) {
            assertThat(got.get(1).path("vector").get(i).asDouble()).isCloseTo(direct.path("vector").get(i).asDouble(), within(1e-5));
        }
        assertThat(got.get(0).path("dominant").asText()).isEqualTo("happiness");
        assertThat(got.get(1).path("dominant").asText()).isNotEqualTo("happiness");
        assertThat(got.get(1).has("cautions")).isFalse();
        assertThat(got.get(2).path("cautions")).extracting(JsonNode::asText).containsExactly("irony");
    }

    @Test
    void chineseTextIsReadByTheChineseModelAndSaysItsLanguage() throws Exception {
        HttpResponse<String> r = post("/v1/text", "text/plain; charset=utf-8",
                "今天收到了录取通知书，我太开心了，谢谢大家！\nThe train was late again and I am furious.\nJe suis très en colère contre toi, c'est inadmissible.\n"
                        .getBytes(StandardCharsets.UTF_8), true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> got = lines(r.body());
        assertThat(got).hasSize(3);
        assertThat(got.get(0).path("language").asText()).isEqualTo("zh");
        assertThat(got.get(0).path("unsupportedLanguage").asBoolean()).isFalse();
        assertThat(got.get(0).path("model").asText()).startsWith("weibo-bge-small-zh@");
        assertThat(got.get(0).path("dominant").asText()).isEqualTo("happiness");
        assertThat(got.get(1).path("language").asText()).isEqualTo("en");
        assertThat(got.get(1).path("unsupportedLanguage").asBoolean()).isFalse();
        assertThat(got.get(2).path("language").asText()).isEqualTo("fr");
        assertThat(got.get(2).path("unsupportedLanguage").asBoolean()).as("no model reads French").isTrue();
    }

    @Test
    void audioGivesWindowsAndASummary() throws Exception {
        float[] voice = SyntheticSpeech.mono(16_000, 5, 190, 21);
        HttpResponse<String> r = post("/v1/audio", "audio/wav", SyntheticSpeech.wav(voice, 1, 16_000), true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode o = MAPPER.readTree(r.body());
        assertThat(o.path("windows").size()).isGreaterThan(3);
        assertThat(o.path("summary").path("modality").asText()).isEqualTo("voice");
        assertThat(o.path("summary").path("end").asDouble()).isCloseTo(5.0, within(0.01));
    }

    @Test
    void imageGivesFacesAndACropGivesOne() throws Exception {
        BufferedImage img = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(200, 160, 140));
        g.fillOval(8, 4, 80, 88);
        g.setColor(Color.DARK_GRAY);
        g.fillOval(28, 34, 10, 6);
        g.fillOval(58, 34, 10, 6);
        g.drawArc(34, 58, 28, 14, 180, 180);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        HttpResponse<String> any = post("/v1/image", "image/png", png.toByteArray(), true);
        assertThat(any.statusCode()).as(any.body()).isEqualTo(200);
        assertThat(MAPPER.readTree(any.body()).path("faces").isArray()).isTrue();
        HttpResponse<String> crop = post("/v1/image?crop=true", "image/png", png.toByteArray(), true);
        assertThat(crop.statusCode()).as(crop.body()).isEqualTo(200);
        JsonNode faces = MAPPER.readTree(crop.body()).path("faces");
        assertThat(faces).hasSize(1);
        assertThat(faces.get(0).path("modality").asText()).isEqualTo("face");
    }

    @Test
    void badRequestsGetTheirStatusAndAJsonError() throws Exception {
        record Case(String name, HttpResponse<String> response, int status) {
        }
        byte[] wav = SyntheticSpeech.wav(new float[16_000], 1, 16_000);
        List<Case> cases = List.of(
                new Case("no token", post("/v1/text", "text/plain", "hi".getBytes(StandardCharsets.UTF_8), false), 401),
                new Case("wrong media type", post("/v1/text", "application/pdf", "hi".getBytes(StandardCharsets.UTF_8), true), 415),
                new Case("mp3 declared", post("/v1/audio", "audio/mpeg", new byte[100], true), 415),
                new Case("not a WAV", post("/v1/audio", "audio/wav", "RIFFnonsense".getBytes(StandardCharsets.UTF_8), true), 400),
                new Case("truncated WAV", post("/v1/audio", "audio/wav", java.util.Arrays.copyOf(wav, 30), true), 400),
                new Case("not UTF-8", post("/v1/text", "text/plain", new byte[] {(byte) 0xC3, (byte) 0x28}, true), 400),
                new Case("empty body", post("/v1/text", "text/plain", new byte[0], true), 400),
                new Case("not an image", post("/v1/image", "image/png", "not a png".getBytes(StandardCharsets.UTF_8), true), 400),
                new Case("clip without spool", post("/v1/clip", "video/mp4", new byte[100], true), 501),
                new Case("clip of another type", post("/v1/clip", "text/plain", new byte[100], true), 415),
                new Case("wrong method", get("/v1/text", true), 405),
                new Case("no such path", get("/v2/nothing", true), 404));
        for (Case c : cases) {
            assertThat(c.response().statusCode()).as(c.name() + ": " + c.response().body()).isEqualTo(c.status());
            JsonNode e = MAPPER.readTree(c.response().body());
            assertThat(e.path("status").asInt()).as(c.name()).isEqualTo(c.status());
            assertThat(e.path("error").asText()).as(c.name()).isNotBlank();
            // the client must not reuse a connection the server may close (the body may be unread)
            assertThat(c.response().headers().firstValue("connection")).as(c.name()).hasValue("close");
        }
        // Too large by its declared length: refused before the body is read. Sent by hand, headers only,
        // because a client still uploading 3 MB may meet the closed connection before it reads the answer.
        try (java.net.Socket socket = new java.net.Socket(server.uri().getHost(), server.uri().getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST /v1/audio HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TestServers.TOKEN
                    + "\r\nContent-Type: audio/wav\r\nContent-Length: " + (3 << 20) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("connection: close");
            JsonNode e = MAPPER.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(e.path("status").asInt()).isEqualTo(413);
            assertThat(e.path("error").asText()).contains("limit");
        }
        // and the server still serves
        assertThat(post("/v1/text", "text/plain", "fine".getBytes(StandardCharsets.UTF_8), true).statusCode()).isEqualTo(200);
    }

    @Test
    void aClipIsSpooledReadAsTheVideoCommandReadsItAndDeleted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        float[] voice = SyntheticSpeech.mono(16_000, 4, 190, 41);
        java.nio.file.Path clip = io.emospectrum.fusion.clip.TestClips.write(dir.resolve("clip.mkv"), 4, i -> 128,
                t -> voice[Math.min(voice.length - 1, (int) (t * 16_000))]);
        java.nio.file.Path spool = java.nio.file.Files.createDirectory(dir.resolve("spool"));
        try (EmoServer withSpool = EmoServer.start(TestServers.config().spoolDir(spool).build(), extractors)) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(withSpool.uri().resolve("/v1/clip"))
                    .header("Content-Type", "video/x-matroska").header("Authorization", "Bearer " + TestServers.TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofFile(clip)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            List<JsonNode> got = lines(r.body());
            assertThat(got).hasSizeGreaterThan(1);
            assertThat(got.subList(0, got.size() - 1)).allSatisfy(w -> assertThat(w.path("vector")).hasSize(9));
            JsonNode summary = got.get(got.size() - 1);
            assertThat(summary.path("type").asText()).isEqualTo("summary");
            assertThat(summary.path("hasAudio").asBoolean()).isTrue();
            assertThat(summary.path("duration").asDouble()).isCloseTo(4.0, within(0.2));
            assertThat(summary.has("file")).isFalse();
        }
        try (var left = java.nio.file.Files.list(spool)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void theLivePageIsServed() throws Exception {
        HttpResponse<String> page = get("/", false);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<canvas id=\"timeline\"", "app.js");
        assertThat(get("/app.js", false).body()).contains("/v1/calls");
        assertThat(URI.create("x").isAbsolute()).isFalse();
    }
}
