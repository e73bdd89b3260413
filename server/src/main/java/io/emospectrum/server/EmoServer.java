package io.emospectrum.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emospectrum.error.EmoSpectrumException;
import io.emospectrum.fusion.call.CallJson;
import io.emospectrum.json.ReadingJson;
import io.emospectrum.server.auth.BearerAuth;
import io.emospectrum.server.call.CallContext;
import io.emospectrum.server.call.CallEndpoint;
import io.emospectrum.server.call.CallRegistry;
import io.emospectrum.server.call.NativeCallEndpoint;
import io.emospectrum.server.call.TwilioCallEndpoint;
import io.emospectrum.server.http.ApiHandler;
import io.emospectrum.server.metrics.ServerMetrics;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The streaming server: live calls over WebSocket on {@code /v1/calls} (the native protocol) and
 * {@code /v1/twilio} (Twilio Media Streams), one-shot analyses over HTTP, {@code /health},
 * {@code /ready}, {@code /metrics} and the live page on {@code /}. Built on Jetty 12 (HTTP and
 * WebSocket) and Micrometer (metrics). {@link #close()} shuts down gracefully: new calls are
 * refused, open calls get their summaries, then the server stops. The extractors stay the caller's
 * to close.
 */
public final class EmoServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmoServer.class);
    /** Messages above this many bytes are cut off by Jetty itself (ours is {@link ServerConfig#maxFrameBytes()}). */
    private static final long HARD_MESSAGE_LIMIT = 4L << 20;

    private final ServerConfig config;
    private final Server jetty;
    private final ServerConnector connector;
    private final ThreadPoolExecutor scoring;
    private final ScheduledExecutorService watchdog;
    private final CallRegistry registry;
    private final ServerMetrics metrics;
    private volatile boolean ready;
    private boolean closed;

    private EmoServer(ServerConfig config, Extractors extractors) throws Exception {
        this.config = config;
        this.registry = new CallRegistry(config.maxCalls());
        this.scoring = new ThreadPoolExecutor(config.workers(), config.workers(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named("emospectrum-scoring"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(named("emospectrum-watchdog"));
        AtomicInteger queued = new AtomicInteger();
        this.metrics = new ServerMetrics(registry::size, queued::get);
        ObjectMapper mapper = new ObjectMapper();
        CallContext ctx = new CallContext(config, extractors.voice(), new CallJson(new ReadingJson(mapper)), mapper, metrics,
                scoring, registry, queued);
        BearerAuth auth = new BearerAuth(config.token());

        QueuedThreadPool threads = new QueuedThreadPool(256, 8);
        threads.setName("emospectrum-http");
        jetty = new Server(threads);
        connector = new ServerConnector(jetty);
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().plusSeconds(15).toMillis());
        jetty.addConnector(connector);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(jetty, container -> {
            container.setMaxBinaryMessageSize(HARD_MESSAGE_LIMIT);
            container.setMaxTextMessageSize(HARD_MESSAGE_LIMIT);
            // The watchdog ends idle calls with an error message first; this is the backstop.
            container.setIdleTimeout(config.idleTimeout().plusSeconds(15));
            container.setMaxOutgoingFrames(config.maxPendingMessages() + 16);
            container.addMapping("/v1/calls", creator(auth, ctx, NativeCallEndpoint::new));
            container.addMapping("/v1/twilio", creator(auth, ctx, TwilioCallEndpoint::new));
        });
        ws.setHandler(new ApiHandler(config, extractors, auth, metrics, registry, () -> ready, mapper));
        jetty.setHandler(ws);
        jetty.setStopTimeout(5_000);
    }

    /**
     * Starts a server on the given extractors.
     *
     * @throws EmoSpectrumException if the port cannot be bound
     */
    public static EmoServer start(ServerConfig config, Extractors extractors) {
        EmoServer s;
        try {
            s = new EmoServer(config, extractors);
            s.jetty.start();
        } catch (Exception e) {
            throw new EmoSpectrumException("cannot start the server on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        s.watchdog.scheduleWithFixedDelay(s::checkIdle, 1, 1, TimeUnit.SECONDS);
        s.ready = true;
        LOG.atInfo().addKeyValue("event", "server_started").addKeyValue("url", s.uri()).addKeyValue("auth", config.authEnabled())
                .addKeyValue("maxCalls", config.maxCalls()).addKeyValue("scoreAgent", config.scoreAgent())
                .log("server started");
        return s;
    }

    private static WebSocketCreator creator(BearerAuth auth, CallContext ctx, Function<CallContext, CallEndpoint> endpoint) {
        return (request, response, callback) -> {
            if (!auth.allows(request)) {
                ctx.metrics().connectionRejected("unauthorized");
                Response.writeError(request, response, callback, 401, "a valid bearer token is required");
                return null;
            }
            return endpoint.apply(ctx);
        };
    }

    private void checkIdle() {
        try {
            long now = System.nanoTime();
            for (CallEndpoint c : registry.snapshot()) {
                c.checkIdle(now);
            }
        } catch (RuntimeException e) {
            LOG.atWarn().setCause(e).log("idle check failed");
        }
    }

    /** The port the server listens on (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://host:port/}. */
    public URI uri() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    public int openCalls() {
        return registry.size();
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /** Graceful shutdown: refuse new calls, give open ones their summaries, wait up to the grace period, stop. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ready = false;
        registry.stopAccepting();
        int open = registry.size();
        LOG.atInfo().addKeyValue("event", "shutdown").addKeyValue("openCalls", open).log("shutting down");
        for (CallEndpoint c : registry.snapshot()) {
            c.shutdown();
        }
        try {
            Duration grace = config.shutdownGrace();
            if (!registry.awaitEmpty(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.atWarn().addKeyValue("event", "shutdown_timeout").addKeyValue("openCalls", registry.size())
                        .log("calls still open after the grace period; closing them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.atWarn().setCause(e).log("stopping Jetty failed");
        }
        watchdog.shutdownNow();
        scoring.shutdown();
        try {
            if (!scoring.awaitTermination(5, TimeUnit.SECONDS)) {
                scoring.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            scoring.shutdownNow();
        }
        metrics.close();
        LOG.atInfo().addKeyValue("event", "server_stopped").log("server stopped");
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
