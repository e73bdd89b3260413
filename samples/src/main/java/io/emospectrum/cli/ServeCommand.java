package io.emospectrum.cli;

import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.server.EmoServer;
import io.emospectrum.server.Extractors;
import io.emospectrum.server.ServerConfig;
import io.emospectrum.spi.ExtractorOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code emospectrum serve}: the streaming server (live calls over WebSocket, one-shot HTTP
 * analyses, metrics, the live page) on the bundled models, until SIGINT/SIGTERM, which shuts it
 * down gracefully. See docs/server.md.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve live calls over WebSocket (/v1/calls, Twilio Media Streams on /v1/twilio), one-shot analyses "
                + "(/v1/text, /v1/audio, /v1/image, /v1/clip), /health, /ready, /metrics and a live page on /.",
                "A bearer token is required: EMOSPECTRUM_TOKEN, --token-file, or a random one printed at start.",
                "The agent is NOT scored unless --score-agent is given: the EU AI Act (Art. 5(1)(f)) prohibits emotion "
                        + "recognition of people at work."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Read the bearer token from FILE (else EMOSPECTRUM_TOKEN, else a random one).")
    Path tokenFile;

    @Option(names = "--no-auth", description = "Turn authentication off. Refused unless --host is a loopback address.")
    boolean noAuth;

    @Option(names = "--max-calls", paramLabel = "N", defaultValue = "200", description = "Concurrent calls; more are refused (default: ${DEFAULT-VALUE}).")
    int maxCalls;

    @Option(names = "--max-frame-bytes", paramLabel = "N", defaultValue = "65536", description = "Largest WebSocket message (default: ${DEFAULT-VALUE}).")
    int maxFrameBytes;

    @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "33554432", description = "Largest HTTP body (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "30", description = "End calls silent this long (default: ${DEFAULT-VALUE}).")
    int idleSeconds;

    @Option(names = "--workers", paramLabel = "N", description = "Scoring threads (default: the number of processors).")
    Integer workers;

    @Option(names = "--spool-dir", paramLabel = "DIR", description = "Where uploaded clips are written while /v1/clip decodes them "
            + "(default: none, and /v1/clip answers 501; nothing else is ever written to disk).")
    Path spoolDir;

    @Option(names = "--score-agent", description = "Also score the agent's channel. Only where the EU AI Act's ban on emotion "
            + "recognition at the workplace does not apply; that decision is yours.")
    boolean scoreAgent;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "${sys:emospectrum.device:-auto}",
            description = "auto, cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--voice-option", paramLabel = "KEY=VALUE", description = "An option of the voice provider, e.g. "
            + "window-hop-seconds=1.0 (half the scoring work per call); unknown keys are rejected.")
    Map<String, String> voiceOptions = new LinkedHashMap<>();

    @Option(names = "--text-option", paramLabel = "KEY=VALUE", description = "An option of the text provider, e.g. chinese=off "
            + "(no research-only Chinese model) or threads=1; unknown keys are rejected.")
    Map<String, String> textOptions = new LinkedHashMap<>();

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        String token = noAuth ? null : token(err);
        ServerConfig.Builder b = ServerConfig.builder().host(host).port(port).token(token).noAuth(noAuth).maxCalls(maxCalls)
                .maxFrameBytes(maxFrameBytes).maxBodyBytes(maxBodyBytes).idleTimeout(Duration.ofSeconds(idleSeconds))
                .scoreAgent(scoreAgent).spoolDir(spoolDir);
        if (workers != null) {
            b.workers(workers);
        }
        ServerConfig config = b.build();
        ExtractorOptions options = ExtractorOptions.builder().device(DeviceChoice.parse(device)).build();
        ExtractorOptions.Builder voice = options.toBuilder();
        voiceOptions.forEach(voice::property);
        ExtractorOptions.Builder text = options.toBuilder();
        textOptions.forEach(text::property);
        Extractors extractors = Extractors.load(voice.build(), text.build(), options);
        EmoServer server;
        try {
            server = EmoServer.start(config, extractors);
        } catch (RuntimeException e) {
            extractors.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            extractors.close();
            stopped.countDown();
        }, "emospectrum-shutdown"));
        err.println("emospectrum: serving on " + server.uri() + (noAuth ? " (no authentication)" : ""));
        err.println("emospectrum: live page: " + server.uri() + (token != null ? "#token=" + token : ""));
        err.println("emospectrum: calls: ws://" + server.uri().getAuthority() + "/v1/calls, Twilio: ws://"
                + server.uri().getAuthority() + "/v1/twilio; Ctrl-C stops (open calls get their summaries)");
        err.flush();
        stopped.await();
        return EmoSpectrumCli.EXIT_OK;
    }

    private String token(PrintWriter err) {
        if (tokenFile != null) {
            try {
                return Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigurationException("--token-file " + tokenFile + ": " + e.getMessage());
            }
        }
        String env = System.getenv("EMOSPECTRUM_TOKEN");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String t = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        err.println("emospectrum: no EMOSPECTRUM_TOKEN or --token-file; this run's bearer token: " + t);
        return t;
    }
}
