package io.emospectrum.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client of the documented protocol, written with the JDK's {@link WebSocket} only (no server
 * class): it sends what docs/server.md says and collects the JSON messages and the close status.
 */
public final class WsClient implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A message as received, with the receive time. */
    public record Received(JsonNode json, long nanos) {
    }

    /** How the server closed the socket. */
    public record Closed(int status, String reason) {
    }

    private final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final WebSocket ws;

    private WsClient(WebSocket.Builder builder, URI uri) {
        StringBuilder partial = new StringBuilder();
        this.ws = builder.buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        messages.add(new Received(MAPPER.readTree(partial.toString()), System.nanoTime()));
                    } catch (Exception e) {
                        closed.completeExceptionally(e);
                    }
                    partial.setLength(0);
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                closed.complete(new Closed(statusCode, reason));
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                closed.completeExceptionally(error);
            }
        }).join();
    }

    /** Connects with {@code Authorization: Bearer token} (none when token is null). */
    public static WsClient connect(HttpClient http, URI uri, String token) {
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return new WsClient(b, uri);
    }

    public void sendText(String json) {
        ws.sendText(json, true).join();
    }

    public void sendBinary(byte[] bytes) {
        ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The next message, or fails after the timeout. */
    public Received next(Duration timeout) throws InterruptedException {
        Received r = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("no message within " + timeout + "; closed: " + closed.getNow(null));
        }
        return r;
    }

    /** Messages until (and with) the first of {@code type}. */
    public List<JsonNode> until(String type, Duration timeout) throws InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Received r = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            out.add(r.json());
            if (r.json().path("type").asText().equals(type)) {
                return out;
            }
        }
    }

    /** Everything received so far, without waiting. */
    public List<Received> drain() {
        List<Received> out = new ArrayList<>();
        messages.drainTo(out);
        return out;
    }

    public Closed awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Closes normally (1000), as a client that is done. */
    public void closeNormally() {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }

    /** Drops the connection without a close handshake, as a crashed client. */
    public void abort() {
        ws.abort();
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
        ws.abort();
    }
}
