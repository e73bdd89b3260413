package io.emospectrum.server;

import io.emospectrum.error.ConfigurationException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the server runs: where it listens, who may connect, its limits. Immutable; validated in
 * {@link Builder#build()}. Authentication is on unless {@link Builder#noAuth(boolean)} is set, and
 * that is refused unless the server listens on a loopback address only.
 */
public final class ServerConfig {
    private final String host;
    private final int port;
    private final String token;
    private final boolean noAuth;
    private final int maxCalls;
    private final int maxFrameBytes;
    private final long maxBodyBytes;
    private final Duration idleTimeout;
    private final Duration shutdownGrace;
    private final boolean scoreAgent;
    private final int workers;
    private final int maxPendingMessages;
    private final int maxConcurrentRequests;
    private final Path spoolDir;

    private ServerConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.token = b.token;
        this.noAuth = b.noAuth;
        this.maxCalls = b.maxCalls;
        this.maxFrameBytes = b.maxFrameBytes;
        this.maxBodyBytes = b.maxBodyBytes;
        this.idleTimeout = b.idleTimeout;
        this.shutdownGrace = b.shutdownGrace;
        this.scoreAgent = b.scoreAgent;
        this.workers = b.workers;
        this.maxPendingMessages = b.maxPendingMessages;
        this.maxConcurrentRequests = b.maxConcurrentRequests;
        this.spoolDir = b.spoolDir;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Address to listen on (default {@code 127.0.0.1}). */
    public String host() {
        return host;
    }

    /** Port to listen on; 0 picks a free one (default 8080). */
    public int port() {
        return port;
    }

    /** The bearer token clients must present; empty only when authentication is off. */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    public boolean authEnabled() {
        return !noAuth;
    }

    /** Calls served at once; more connections are refused (default 200). */
    public int maxCalls() {
        return maxCalls;
    }

    /** Largest WebSocket message accepted (default 64 KiB: 0.68 s of 48 kHz stereo PCM16). */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** Largest HTTP request body accepted (default 32 MiB). */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** A call that sends nothing for this long is ended (default 30 s). */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** How long shutdown waits for open calls to get their summaries (default 10 s). */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    /**
     * Whether the agent's channel is scored. Off by default: the EU AI Act (Art. 5(1)(f)) prohibits
     * emotion recognition of people at work; turning it on is the operator's decision.
     */
    public boolean scoreAgent() {
        return scoreAgent;
    }

    /** Threads that score audio (default: the number of processors). */
    public int workers() {
        return workers;
    }

    /** Messages queued to one client before it counts as too slow (default 256). */
    public int maxPendingMessages() {
        return maxPendingMessages;
    }

    /** One-shot HTTP analyses run at once; more get 503 (default: the number of processors). */
    public int maxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    /** Where uploaded clips are spooled for decoding; none by default (nothing is written to disk). */
    public Optional<Path> spoolDir() {
        return Optional.ofNullable(spoolDir);
    }

    /** Collects the settings; {@link #build()} checks them. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private String token;
        private boolean noAuth;
        private int maxCalls = 200;
        private int maxFrameBytes = 64 * 1024;
        private long maxBodyBytes = 32L << 20;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration shutdownGrace = Duration.ofSeconds(10);
        private boolean scoreAgent;
        private int workers = Runtime.getRuntime().availableProcessors();
        private int maxPendingMessages = 256;
        private int maxConcurrentRequests = Runtime.getRuntime().availableProcessors();
        private Path spoolDir;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** Turns authentication off; {@link #build()} refuses it unless the host is a loopback address. */
        public Builder noAuth(boolean noAuth) {
            this.noAuth = noAuth;
            return this;
        }

        public Builder maxCalls(int maxCalls) {
            this.maxCalls = maxCalls;
            return this;
        }

        public Builder maxFrameBytes(int bytes) {
            this.maxFrameBytes = bytes;
            return this;
        }

        public Builder maxBodyBytes(long bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = grace;
            return this;
        }

        public Builder scoreAgent(boolean score) {
            this.scoreAgent = score;
            return this;
        }

        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        public Builder maxPendingMessages(int messages) {
            this.maxPendingMessages = messages;
            return this;
        }

        public Builder maxConcurrentRequests(int requests) {
            this.maxConcurrentRequests = requests;
            return this;
        }

        public Builder spoolDir(Path dir) {
            this.spoolDir = dir;
            return this;
        }

        public ServerConfig build() {
            if (port < 0 || port > 65_535) {
                throw new ConfigurationException("port must be in [0, 65535], was " + port);
            }
            if (noAuth) {
                if (!isLoopback(host)) {
                    throw new ConfigurationException("authentication can only be turned off on a loopback address "
                            + "(127.0.0.1, ::1, localhost); the server listens on " + host);
                }
                token = null;
            } else if (token == null || token.length() < 16) {
                throw new ConfigurationException("a bearer token of at least 16 characters is required "
                        + "(or turn authentication off, on loopback only)");
            }
            positive(maxCalls, "max calls");
            positive(maxFrameBytes, "max frame bytes");
            positive(workers, "workers");
            positive(maxPendingMessages, "max pending messages");
            positive(maxConcurrentRequests, "max concurrent requests");
            if (maxBodyBytes < 1) {
                throw new ConfigurationException("max body bytes must be positive, was " + maxBodyBytes);
            }
            if (idleTimeout.isNegative() || idleTimeout.isZero() || shutdownGrace.isNegative()) {
                throw new ConfigurationException("the idle timeout must be positive and the shutdown grace not negative");
            }
            if (spoolDir != null && !Files.isDirectory(spoolDir)) {
                throw new ConfigurationException("spool directory " + spoolDir + " does not exist");
            }
            return new ServerConfig(this);
        }

        private static void positive(int v, String what) {
            if (v < 1) {
                throw new ConfigurationException(what + " must be positive, was " + v);
            }
        }

        private static boolean isLoopback(String host) {
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    if (!a.isLoopbackAddress()) {
                        return false;
                    }
                }
                return true;
            } catch (UnknownHostException e) {
                throw new ConfigurationException("cannot resolve host " + host);
            }
        }
    }
}
