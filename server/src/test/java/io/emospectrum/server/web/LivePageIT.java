package io.emospectrum.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emospectrum.server.EmoServer;
import io.emospectrum.server.Extractors;
import io.emospectrum.server.testing.SyntheticSpeech;
import io.emospectrum.server.testing.TestServers;
import io.emospectrum.server.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The live page in a real headless Chromium: its microphone is a fake device fed from a generated
 * WAV file, the page streams it to the server, and the readings must appear on the page. Read
 * through the Chrome DevTools protocol. Skipped where no {@code chromium} is installed
 * (Debian: {@code apt-get install chromium}; .ci/run installs it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LivePageIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger ids = new AtomicInteger();
    private Extractors extractors;
    private EmoServer server;

    private static Path chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    @BeforeAll
    void start() {
        assumeTrue(chromium() != null, "chromium is not installed (apt-get install chromium): the live page is not tested");
        extractors = TestServers.voiceOnly();
        server = EmoServer.start(TestServers.config().build(), extractors);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
            extractors.close();
        }
    }

    @Test
    void readingsFromTheFakeMicrophoneAppearOnThePage(@TempDir Path tmp) throws Exception {
        Path wav = tmp.resolve("voice.wav");
        SyntheticSpeech.writeWav(wav, SyntheticSpeech.mono(16_000, 20, 200, 31), 1, 16_000);
        Path profile = Files.createDirectory(tmp.resolve("profile"));
        String page = server.uri() + "?autostart=mic#token=" + TestServers.TOKEN;
        Process chrome = new ProcessBuilder(chromium().toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--no-default-browser-check",
                "--user-data-dir=" + profile, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-audio-capture=" + wav, "--autoplay-policy=no-user-gesture-required",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", page)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("chromium.log").toFile()).start();
        try {
            int port = devToolsPort(profile.resolve("DevToolsActivePort"), chrome);
            String target = pageTarget(port);
            try (WsClient cdp = WsClient.connect(http, URI.create(target), null)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                int readings = 0;
                while (readings < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                    readings = evaluate(cdp, "document.querySelectorAll('#readings li.reading').length").asInt();
                }
                String status = evaluate(cdp, "document.getElementById('status').textContent").asText();
                assertThat(readings).as("readings on the page; status: %s; chromium log: %s", status,
                        Files.readString(tmp.resolve("chromium.log"))).isGreaterThanOrEqualTo(3);
                String first = evaluate(cdp, "document.querySelector('#readings li.reading').dataset.dominant").asText();
                assertThat(first).isIn("neutral", "happiness", "sadness", "anger", "fear", "disgust", "surprise");
                assertThat(evaluate(cdp, "document.querySelector('#readings li.reading').textContent").asText()).contains("customer");

                // Stop: the page sends stop, the server answers with the call summary.
                evaluate(cdp, "document.getElementById('stop').click(), true");
                String summary = "";
                while (!summary.contains("\"summary\"") && System.nanoTime() < deadline + Duration.ofSeconds(20).toNanos()) {
                    Thread.sleep(250);
                    summary = evaluate(cdp, "document.getElementById('summary').textContent").asText();
                }
                assertThat(MAPPER.readTree(summary).path("parties").get(0).path("scoredWindows").asInt()).isGreaterThanOrEqualTo(readings);
            }
        } finally {
            chrome.descendants().forEach(ProcessHandle::destroyForcibly);
            chrome.destroyForcibly().waitFor();
        }
    }

    private static int devToolsPort(Path file, Process chrome) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!chrome.isAlive()) {
                throw new AssertionError("chromium exited with " + chrome.exitValue());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("chromium did not open its DevTools port");
    }

    private String pageTarget(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode t : MAPPER.readTree(body)) {
                if (t.path("type").asText().equals("page") && t.path("url").asText().startsWith(server.uri().toString())) {
                    return t.path("webSocketDebuggerUrl").asText();
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the page did not open in chromium");
    }

    /** Runtime.evaluate over the DevTools protocol; the expression's value. */
    private JsonNode evaluate(WsClient cdp, String expression) throws Exception {
        int id = ids.incrementAndGet();
        var msg = MAPPER.createObjectNode().put("id", id).put("method", "Runtime.evaluate");
        msg.putObject("params").put("expression", expression).put("returnByValue", true);
        cdp.sendText(msg.toString());
        while (true) {
            JsonNode r = cdp.next(Duration.ofSeconds(20)).json();
            if (r.path("id").asInt() == id) {
                return r.path("result").path("result").path("value");
            }
        }
    }
}
