package io.emospectrum.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The server's meters, exposed in the Prometheus text format on {@code /metrics}: calls (active,
 * ended by outcome), windows sent, the latency from a window's last audio frame to its reading
 * being written, the scoring queue's depth, refused connections, one-shot requests, and the
 * JVM's memory, threads, GC and file descriptors.
 */
public final class ServerMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer windowLatency;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final java.util.Map<String, Counter> windows = new java.util.concurrent.ConcurrentHashMap<>();

    public ServerMetrics(IntSupplier activeCalls, IntSupplier queueDepth) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        gc.bindTo(registry);
        Gauge.builder("emospectrum.calls.active", activeCalls::getAsInt).description("calls open now").register(registry);
        Gauge.builder("emospectrum.scoring.queue.depth", queueDepth::getAsInt)
                .description("audio messages waiting for a scoring thread").register(registry);
        windowLatency = Timer.builder("emospectrum.window.latency")
                .description("from the arrival of the audio frame that completed a window to its reading written to the socket")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    public void callStarted(String protocol) {
        Counter.builder("emospectrum.calls.started").tag("protocol", protocol).register(registry).increment();
    }

    /** @param outcome {@code completed}, {@code aborted} (the client went away) or an error code */
    public void callEnded(String protocol, String outcome) {
        Counter.builder("emospectrum.calls.ended").tag("protocol", protocol).tag("outcome", outcome).register(registry).increment();
    }

    public void windowSent(String party, long latencyNanos) {
        windows.computeIfAbsent(party, p -> Counter.builder("emospectrum.windows").tag("party", p).register(registry)).increment();
        windowLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    /** @param reason {@code unauthorized}, {@code capacity}, {@code shutting_down} */
    public void connectionRejected(String reason) {
        Counter.builder("emospectrum.connections.rejected").tag("reason", reason).register(registry).increment();
    }

    public void request(String endpoint, int status) {
        Counter.builder("emospectrum.requests").tag("endpoint", endpoint).tag("status", Integer.toString(status))
                .register(registry).increment();
    }

    public Timer windowLatency() {
        return windowLatency;
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
