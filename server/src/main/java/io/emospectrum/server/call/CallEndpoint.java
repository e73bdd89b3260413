package io.emospectrum.server.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emospectrum.fusion.call.CallAnalyzer;
import io.emospectrum.fusion.call.CallOptions;
import io.emospectrum.fusion.call.CallRole;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.server.protocol.ErrorCode;
import io.emospectrum.server.protocol.ProtocolException;
import io.emospectrum.spectrum.EmotionReading;
import org.eclipse.jetty.util.thread.SerializedExecutor;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One call on one WebSocket: the transport half that both protocols share. Messages are copied off
 * Jetty's threads and handled in order, one at a time, on the scoring threads (so the
 * {@link CallAnalyzer}, which is not thread-safe, only ever sees one thread at a time); readings go
 * back as JSON as each window completes. The next message is read from the socket only once the
 * previous one is handled, so a client that sends faster than the server scores is slowed down by
 * TCP itself and no queue grows. Every way a call ends (stop, error, idle, the client
 * going away, shutdown) passes through one place that closes the analyzer and unregisters the call,
 * so nothing outlives the connection.
 */
public abstract class CallEndpoint implements Session.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(CallEndpoint.class);

    protected final CallContext ctx;
    private final String protocol;
    private final SerializedExecutor serial;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger pendingSends = new AtomicInteger();
    private volatile Session session;
    private volatile long lastActivity = System.nanoTime();
    /** Set once: no more input is handled and the call is over (or was never admitted). */
    private volatile boolean ended;
    private volatile boolean registered;

    // Confined to the serial executor.
    private CallAnalyzer analyzer;
    private String callId;
    private long frameArrival;

    protected CallEndpoint(CallContext ctx, String protocol) {
        this.ctx = ctx;
        this.protocol = protocol;
        this.serial = new SerializedExecutor(ctx.scoring());
    }

    /** Handles one text message, on a scoring thread. */
    protected abstract void handleText(String text);

    /** Handles one binary message (a copy, the endpoint's own), on a scoring thread. */
    protected abstract void handleBinary(ByteBuffer bytes);

    // ---- Jetty callbacks (Jetty's threads) ----

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
        if (!ctx.registry().register(this)) {
            boolean shutting = !ctx.registry().accepting();
            ErrorCode code = shutting ? ErrorCode.SHUTTING_DOWN : ErrorCode.CAPACITY;
            ctx.metrics().connectionRejected(code.code());
            ended = true;
            String message = shutting ? "the server is shutting down"
                    : "the server already serves its maximum of " + ctx.registry().maxCalls() + " calls; try again later";
            LOG.atWarn().addKeyValue("event", "call_refused").addKeyValue("protocol", protocol).addKeyValue("reason", code.code())
                    .addKeyValue("remote", String.valueOf(s.getRemoteSocketAddress())).log("call refused");
            send(error(code, message));
            s.close(code.closeStatus(), reason(message), Callback.NOOP);
            demand(); // to read the client's close reply
            return;
        }
        registered = true;
        demand();
        LOG.atInfo().addKeyValue("event", "connected").addKeyValue("protocol", protocol)
                .addKeyValue("remote", String.valueOf(s.getRemoteSocketAddress())).log("call connected");
    }

    @Override
    public void onWebSocketText(String text) {
        long arrival = System.nanoTime();
        lastActivity = arrival;
        if (ended) {
            demand();
            return;
        }
        if (text.length() > ctx.config().maxFrameBytes()) {
            submit(() -> fail(ErrorCode.FRAME_TOO_LARGE, "a text message of " + text.length()
                    + " characters is larger than the limit of " + ctx.config().maxFrameBytes()));
            return;
        }
        submit(() -> {
            frameArrival = arrival;
            handleText(text);
        });
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        long arrival = System.nanoTime();
        lastActivity = arrival;
        int n = payload.remaining();
        if (ended) {
            callback.succeed();
            demand();
            return;
        }
        if (n > ctx.config().maxFrameBytes()) {
            callback.succeed();
            submit(() -> fail(ErrorCode.FRAME_TOO_LARGE, "a binary message of " + n + " bytes is larger than the limit of "
                    + ctx.config().maxFrameBytes()));
            return;
        }
        byte[] copy = new byte[n];
        payload.get(copy);
        callback.succeed();
        submit(() -> {
            frameArrival = arrival;
            handleBinary(ByteBuffer.wrap(copy));
        });
    }

    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.sendPong(payload, Callback.NOOP);
        }
        demand();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        demand();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.atDebug().addKeyValue("event", "transport_error").addKeyValue("call", callId)
                .addKeyValue("error", String.valueOf(cause)).log("call transport error");
    }

    @Override
    public void onWebSocketClose(int status, String reason, Callback callback) {
        callback.succeed();
        if (!registered) {
            return;
        }
        // After the client went away (or after our own close): free the call in order with its messages.
        try {
            serial.execute(() -> end(ended ? null : "aborted"));
        } catch (RejectedExecutionException e) {
            end(ended ? null : "aborted");
        }
    }

    // ---- control from the server (any thread) ----

    /** Ends an idle call with an error if nothing arrived for the idle timeout. */
    public void checkIdle(long nowNanos) {
        if (!ended && nowNanos - lastActivity > ctx.config().idleTimeout().toNanos()) {
            lastActivity = nowNanos; // once
            submitControl(() -> fail(ErrorCode.IDLE_TIMEOUT, "nothing arrived for " + ctx.config().idleTimeout().toSeconds() + " s"));
        }
    }

    /** Server shutdown: the call gets its summary, then a 1001 close. */
    public void shutdown() {
        submitControl(() -> {
            if (!ended) {
                finish(ErrorCode.SHUTTING_DOWN.closeStatus(), "server shutting down", "shutdown");
            }
        });
    }

    // ---- what protocols use (scoring thread) ----

    /** Starts scoring; the reply names the scored parties. */
    protected void startCall(String id, int sampleRate, int channels, CallOptions options) {
        if (analyzer != null) {
            throw new ProtocolException(ErrorCode.NOT_STARTED, "the call " + callId + " is already started");
        }
        CallOptions effective = new CallOptions(options.customerChannel(), options.agentChannel(),
                ctx.config().scoreAgent() && options.agentChannel() >= 0);
        analyzer = new CallAnalyzer(ctx.voice(), sampleRate, channels, effective, this::window);
        callId = id;
        ctx.metrics().callStarted(protocol);
        ObjectNode o = ctx.mapper().createObjectNode();
        o.put("type", "started");
        o.put("callId", id);
        var parties = o.putArray("parties");
        parties.add(CallRole.CUSTOMER.subject());
        if (effective.scoreAgent()) {
            parties.add(CallRole.AGENT.subject());
        }
        send(o);
        LOG.atInfo().addKeyValue("event", "call_started").addKeyValue("protocol", protocol).addKeyValue("call", id)
                .addKeyValue("sampleRate", sampleRate).addKeyValue("channels", channels)
                .addKeyValue("scoreAgent", effective.scoreAgent()).log("call started");
    }

    protected CallAnalyzer analyzer() {
        if (analyzer == null) {
            throw new ProtocolException(ErrorCode.NOT_STARTED, "audio arrived before the start message");
        }
        return analyzer;
    }

    protected boolean started() {
        return analyzer != null;
    }

    /** The client ended the call: last windows, the summary, a normal close. */
    protected void stopCall() {
        finish(StatusCode.NORMAL, "call ended", "completed");
    }

    /** Sends an error, the summary if the call started, and closes with the code's status. */
    protected void fail(ErrorCode code, String message) {
        if (ended) {
            return;
        }
        LOG.atWarn().addKeyValue("event", "call_error").addKeyValue("protocol", protocol).addKeyValue("call", callId)
                .addKeyValue("code", code.code()).addKeyValue("message", message).log("call error");
        send(error(code, message));
        finish(code.closeStatus(), message, code.code());
    }

    protected ObjectNode error(ErrorCode code, String message) {
        ObjectNode o = ctx.mapper().createObjectNode();
        o.put("type", "error");
        o.put("code", code.code());
        o.put("message", message);
        if (callId != null) {
            o.put("callId", callId);
        }
        return o;
    }

    protected void send(ObjectNode message) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            return;
        }
        String text;
        try {
            text = ctx.mapper().writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        sendText(s, text, null, 0);
    }

    // ---- internals ----

    private void window(EmotionReading r) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            return;
        }
        ObjectNode o = ctx.json().window(r);
        o.put("callId", callId);
        try {
            sendText(s, ctx.mapper().writeValueAsString(o), r.subject(), frameArrival);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sendText(Session s, String text, String party, long arrival) {
        if (pendingSends.incrementAndGet() > ctx.config().maxPendingMessages()) {
            pendingSends.decrementAndGet();
            submitControl(() -> {
                if (!ended) {
                    ended = true;
                    LOG.atWarn().addKeyValue("event", "call_error").addKeyValue("call", callId)
                            .addKeyValue("code", ErrorCode.SLOW_CLIENT.code()).log("client too slow");
                    ctx.metrics().callEnded(protocol, ErrorCode.SLOW_CLIENT.code());
                    s.close(ErrorCode.SLOW_CLIENT.closeStatus(), "client too slow: " + ctx.config().maxPendingMessages()
                            + " messages unread", Callback.NOOP);
                }
            });
            return;
        }
        s.sendText(text, Callback.from(() -> {
            pendingSends.decrementAndGet();
            if (party != null) {
                ctx.metrics().windowSent(party, System.nanoTime() - arrival);
            }
        }, failure -> pendingSends.decrementAndGet()));
    }

    private void finish(int status, String reason, String outcome) {
        if (ended) {
            return;
        }
        ended = true;
        if (analyzer != null) {
            analyzer.close(); // the last windows go out before the summary
            send(ctx.json().summary(analyzer.summary()).put("callId", callId));
        }
        ctx.metrics().callEnded(protocol, outcome);
        outcomeLogged(outcome);
        Session s = session;
        if (s != null && s.isOpen()) {
            s.close(status, reason(reason), Callback.NOOP);
        }
    }

    /** Frees the call: the analyzer is closed, the call unregistered. Runs once the socket is closed. */
    private void end(String outcome) {
        if (outcome != null) {
            ended = true;
            ctx.metrics().callEnded(protocol, outcome);
            outcomeLogged(outcome);
        }
        if (analyzer != null) {
            try {
                analyzer.close();
            } catch (RuntimeException e) {
                LOG.atDebug().addKeyValue("call", callId).log("closing an aborted call: {}", e.toString());
            }
        }
        ctx.registry().unregister(this);
    }

    private void outcomeLogged(String outcome) {
        LOG.atInfo().addKeyValue("event", "call_ended").addKeyValue("protocol", protocol).addKeyValue("call", callId)
                .addKeyValue("outcome", outcome)
                .addKeyValue("seconds", analyzer == null ? 0 : analyzer.summary().durationSeconds()).log("call ended");
    }

    /** Handles one incoming message in order, then reads the next one. */
    private void submit(Runnable task) {
        queued.incrementAndGet();
        ctx.queued().incrementAndGet();
        try {
            serial.execute(() -> {
                queued.decrementAndGet();
                ctx.queued().decrementAndGet();
                try {
                    if (!ended) {
                        run(task);
                    }
                } finally {
                    demand();
                }
            });
        } catch (RejectedExecutionException e) {
            queued.decrementAndGet();
            ctx.queued().decrementAndGet();
        }
    }

    /** Runs server-side control (idle, shutdown, slow client) in order with the call's messages. */
    private void submitControl(Runnable task) {
        try {
            serial.execute(() -> {
                if (!ended) {
                    run(task);
                }
            });
        } catch (RejectedExecutionException e) {
            // the scoring threads are gone: the server is stopping and Jetty closes the socket
        }
    }

    /** Asks Jetty for the next message (or control frame, such as the close reply). */
    private void demand() {
        Session s = session;
        if (s != null) {
            try {
                s.demand();
            } catch (RuntimeException e) {
                // closed meanwhile: nothing more to read
            }
        }
    }

    private void run(Runnable task) {
        try {
            task.run();
        } catch (ProtocolException e) {
            fail(e.code(), e.getMessage());
        } catch (InvalidInputException e) {
            fail(ErrorCode.BAD_AUDIO, e.getMessage());
        } catch (RuntimeException e) {
            LOG.atError().addKeyValue("event", "call_failure").addKeyValue("call", callId).setCause(e).log("call failed");
            fail(ErrorCode.INTERNAL, "internal error: " + e.getClass().getSimpleName());
        }
    }

    /** A close reason fits in 123 bytes of UTF-8 (RFC 6455, 5.5). */
    static String reason(String message) {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        if (b.length <= 123) {
            return message;
        }
        String cut = new String(b, 0, 120, StandardCharsets.UTF_8);
        return cut.substring(0, Math.max(0, cut.length() - 1)) + "...";
    }
}
