package io.emospectrum.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emospectrum.server.testing.SyntheticSpeech;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load test of a running server over loopback, as a contact center would load it, with the
 * documented protocol only (JDK WebSocket). Two modes:
 * <ul>
 *   <li>{@code calls}: N concurrent real-time stereo calls (8 kHz PCM16, 20 ms frames, customer on
 *   channel 1), each {@code --call-seconds} long and replaced by a new one when it ends, for
 *   {@code --minutes}. Latency of a window = the time its reading arrived minus the time the frame
 *   holding the window's last sample was handed to the socket (client side, so it includes both
 *   directions of loopback). Every 30 s the server's heap after a full GC, resident memory, threads
 *   and open files are sampled from {@code jcmd} and {@code /proc}.</li>
 *   <li>{@code cycles}: M connect/start/audio/disconnect cycles (alternately a clean stop and an
 *   abrupt drop), comparing the server's threads, files and heap after GC before and after.</li>
 * </ul>
 * Run it with scripts/server-load-test.sh, which starts {@code emospectrum serve} and this driver.
 */
public final class CallLoadTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int RATE = 8_000;
    private static final int FRAME = RATE / 50;
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final URI uri;
    private final long pid;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ConcurrentLinkedQueue<Long> warmupLatencies = new ConcurrentLinkedQueue<>();
    private volatile long warmupEnd;
    private final byte[][] frames;
    /** Calls start spread over this many seconds, as calls do, rather than in one burst. */
    private double rampSeconds = 2;
    /** Latencies of readings received before this are reported apart (the server's JIT warms up). */
    private double warmupSeconds = 0;

    private CallLoadTest(URI uri, long pid, double callSeconds) {
        this.uri = uri;
        this.pid = pid;
        float[] stereo = SyntheticSpeech.stereo(SyntheticSpeech.mono(RATE, callSeconds, 120, 1),
                SyntheticSpeech.mono(RATE, callSeconds, 210, 2));
        int n = stereo.length / 2 / FRAME;
        frames = new byte[n][];
        for (int i = 0; i < n; i++) {
            frames[i] = SyntheticSpeech.pcm16(stereo, i * FRAME * 2, (i + 1) * FRAME * 2);
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        URI uri = URI.create(arg(args, "--url", "ws://127.0.0.1:8080/v1/calls") + "?access_token=" + System.getenv("EMOSPECTRUM_TOKEN"));
        long pid = Long.parseLong(arg(args, "--pid", "0"));
        CallLoadTest t = new CallLoadTest(uri, pid, Double.parseDouble(arg(args, "--call-seconds", "60")));
        t.rampSeconds = Double.parseDouble(arg(args, "--ramp-seconds", "2"));
        t.warmupSeconds = Double.parseDouble(arg(args, "--warmup-seconds", "0"));
        if (mode.equals("calls")) {
            t.calls(Integer.parseInt(arg(args, "--calls", "100")), Double.parseDouble(arg(args, "--minutes", "10")));
        } else if (mode.equals("cycles")) {
            t.cycles(Integer.parseInt(arg(args, "--cycles", "1000")));
        } else {
            throw new IllegalArgumentException("mode is calls or cycles");
        }
        System.exit(0);
    }

    private static String arg(String[] args, String name, String dflt) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return dflt;
    }

    // ---- one call ----

    private final class Call implements WebSocket.Listener {
        final String id;
        final long[] sentAt = new long[frames.length];
        final StringBuilder partial = new StringBuilder();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final ConcurrentLinkedQueue<Long> latencies;
        final AtomicInteger windows;
        volatile WebSocket ws;
        CompletableFuture<WebSocket> last;
        int next;
        boolean stopped;

        Call(String id, ConcurrentLinkedQueue<Long> latencies, AtomicInteger windows) {
            this.id = id;
            this.latencies = latencies;
            this.windows = windows;
        }

        CompletableFuture<WebSocket> open() {
            return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20)).buildAsync(uri, this).thenApply(w -> {
                last = w.sendText("{\"type\":\"start\",\"callId\":\"" + id + "\",\"sampleRate\":8000,\"encoding\":\"pcm16\","
                        + "\"channels\":2,\"customerChannel\":1,\"agentChannel\":0}", true);
                ws = w; // after last: the ticker reads ws first
                return w;
            });
        }

        /** Sends the next frame (chained: the JDK WebSocket takes one send at a time); false when the call is over. */
        boolean tick() {
            if (stopped || ws == null) {
                return !stopped;
            }
            if (next >= frames.length) {
                stopped = true;
                last = last.thenCompose(w -> w.sendText("{\"type\":\"stop\"}", true));
                return false;
            }
            int i = next++;
            last = last.thenCompose(w -> w.sendBinary(ByteBuffer.wrap(frames[i]), true)).whenComplete((w, e) -> sentAt[i] = System.nanoTime());
            return true;
        }

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean lastPart) {
            long now = System.nanoTime();
            partial.append(data);
            if (lastPart) {
                try {
                    JsonNode m = MAPPER.readTree(partial.toString());
                    String type = m.path("type").asText();
                    if (type.equals("window")) {
                        windows.incrementAndGet();
                        int f = Math.min(frames.length - 1, (int) Math.ceil(m.path("end").asDouble() * 50 - 1e-6) - 1);
                        if (f >= 0 && sentAt[f] != 0 && !stopped) {
                            (now < warmupEnd ? warmupLatencies : latencies).add(now - sentAt[f]);
                        }
                    } else if (type.equals("summary")) {
                        done.complete(null);
                    } else if (type.equals("error")) {
                        System.err.println("call " + id + ": " + m);
                    }
                } catch (IOException e) {
                    done.completeExceptionally(e);
                }
                partial.setLength(0);
            }
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
            if (status != 1000) {
                done.completeExceptionally(new IllegalStateException("call " + id + " closed " + status + " " + reason));
            }
            done.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket w, Throwable error) {
            done.completeExceptionally(error);
        }
    }

    // ---- modes ----

    private void calls(int n, double minutes) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger windows = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong seq = new AtomicLong();
        List<Call> slots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            slots.add(null);
        }
        long t0 = System.nanoTime();
        long end = t0 + (long) (minutes * 60e9);
        warmupEnd = t0 + (long) (warmupSeconds * 1e9);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        Object lock = new Object();
        // Calls start staggered over the first 2 s, then each slot replaces its call when it ends.
        ticker.scheduleAtFixedRate(() -> {
            try {
                tickAll(n, slots, lock, t0, end, seq, latencies, windows, completed, failed);
            } catch (RuntimeException e) {
                e.printStackTrace(); // a throwing task would silently stop the schedule
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        report(n, minutes, slots, lock, t0, end, latencies, windows, completed, failed, ticker);
    }

    private void tickAll(int n, List<Call> slots, Object lock, long t0, long end, AtomicLong seq,
                         ConcurrentLinkedQueue<Long> latencies, AtomicInteger windows, AtomicInteger completed, AtomicInteger failed) {
        {
            long now = System.nanoTime();
            synchronized (lock) {
                for (int i = 0; i < n; i++) {
                    Call c = slots.get(i);
                    if (c == null) {
                        if (now < end && now - t0 >= (long) (i * rampSeconds * 1e9 / n)) {
                            Call fresh = new Call("load-" + seq.incrementAndGet(), latencies, windows);
                            slots.set(i, fresh);
                            fresh.open().exceptionally(e -> {
                                failed.incrementAndGet();
                                System.err.println("connect failed: " + e);
                                return null;
                            });
                            fresh.done.whenComplete((v, e) -> {
                                if (e == null) {
                                    completed.incrementAndGet();
                                } else {
                                    failed.incrementAndGet();
                                    System.err.println(e.getMessage());
                                }
                                synchronized (lock) {
                                    int k = slots.indexOf(fresh);
                                    if (k >= 0) {
                                        slots.set(k, null);
                                    }
                                }
                            });
                        }
                    } else if (now < end || !c.stopped) {
                        if (now >= end && !c.stopped) {
                            c.next = frames.length; // end the call now
                        }
                        c.tick();
                    }
                }
            }
        }
    }

    private void report(int n, double minutes, List<Call> slots, Object lock, long t0, long end,
                        ConcurrentLinkedQueue<Long> latencies, AtomicInteger windows, AtomicInteger completed, AtomicInteger failed,
                        ScheduledExecutorService ticker) throws Exception {
        List<String> samples = new ArrayList<>();
        samples.add(sample(0));
        long nextSample = t0 + 30_000_000_000L;
        int seen = 0;
        while (System.nanoTime() < end) {
            Thread.sleep(500);
            if (System.nanoTime() >= nextSample) {
                List<Long> snapshot = new ArrayList<>(latencies);
                List<Long> recent = snapshot.subList(Math.min(seen, snapshot.size()), snapshot.size());
                samples.add(sample((System.nanoTime() - t0) / 1e9) + String.format(Locale.ROOT,
                        "  windows %d; last 30 s: %d readings, p95 %.1f ms",
                        windows.get(), recent.size(), percentile(recent, 0.95) / 1e6));
                seen = snapshot.size();
                System.out.println(samples.get(samples.size() - 1));
                nextSample += 30_000_000_000L;
            }
        }
        long drainEnd = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < drainEnd) {
            synchronized (lock) {
                if (slots.stream().allMatch(c -> c == null)) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        ticker.shutdownNow();
        List<Long> all = new ArrayList<>(latencies);
        System.out.println();
        System.out.printf(Locale.ROOT, "calls: %d concurrent (started over %.0f s), %.1f min, %d calls completed with a summary, "
                + "%d failed%n", n, rampSeconds, minutes, completed.get(), failed.get());
        System.out.printf(Locale.ROOT, "windows: %d readings (%.1f/s); latency from the window's last frame sent to its reading "
                        + "received: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)%n",
                windows.get(), windows.get() / (minutes * 60), percentile(all, 0.5) / 1e6, percentile(all, 0.95) / 1e6,
                percentile(all, 0.99) / 1e6, percentile(all, 1.0) / 1e6, all.size());
        if (warmupSeconds > 0) {
            List<Long> w = new ArrayList<>(warmupLatencies);
            System.out.printf(Locale.ROOT, "(readings in the first %.0f s, calls ramping up over %.0f s, not counted above: n=%d, "
                    + "p50 %.1f ms, p95 %.1f ms, max %.1f ms)%n", warmupSeconds, rampSeconds, w.size(),
                    percentile(w, 0.5) / 1e6, percentile(w, 0.95) / 1e6, percentile(w, 1.0) / 1e6);
        }
        System.out.println(serverLatency());
        System.out.println("server samples:");
        samples.forEach(s -> System.out.println("  " + s));
    }

    /** p50/p95/p99 from the server's own histogram (Prometheus buckets on /metrics): frame arrival to reading written. */
    private String serverLatency() {
        try {
            URI metrics = URI.create("http://" + uri.getAuthority() + "/metrics");
            String body = http.send(java.net.http.HttpRequest.newBuilder(metrics)
                    .header("Authorization", "Bearer " + System.getenv("EMOSPECTRUM_TOKEN")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            List<double[]> buckets = new ArrayList<>();
            Pattern p = Pattern.compile("^emospectrum_window_latency_seconds_bucket\\{le=\"([^\"]+)\"} (\\S+)$", Pattern.MULTILINE);
            Matcher m = p.matcher(body);
            while (m.find()) {
                double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
                buckets.add(new double[] {le, Double.parseDouble(m.group(2))});
            }
            double total = buckets.isEmpty() ? 0 : buckets.get(buckets.size() - 1)[1];
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "server histogram (frame arrival to reading written), %d windows:", (long) total));
            for (double q : new double[] {0.5, 0.95, 0.99}) {
                double le = Double.NaN;
                for (double[] b : buckets) {
                    if (b[1] >= q * total) {
                        le = b[0];
                        break;
                    }
                }
                out.append(String.format(Locale.ROOT, " p%.0f <= %.1f ms", q * 100, le * 1000));
            }
            return out.toString();
        } catch (IOException | InterruptedException e) {
            return "server histogram unavailable: " + e;
        }
    }

    private void cycles(int m) throws Exception {
        ConcurrentLinkedQueue<Long> ignored = new ConcurrentLinkedQueue<>();
        AtomicInteger windows = new AtomicInteger();
        int warmup = Math.min(50, m / 10);
        String before = null;
        int clean = 0;
        int aborted = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < m; i++) {
            if (i == warmup) {
                before = sample((System.nanoTime() - t0) / 1e9);
                System.out.println("after " + warmup + " warm-up cycles: " + before);
            }
            Call c = new Call("cycle-" + i, ignored, windows);
            WebSocket ws = c.open().get(20, TimeUnit.SECONDS);
            for (int k = 0; k < 10; k++) { // 200 ms of audio
                c.tick();
            }
            if (i % 2 == 0) {
                c.next = frames.length;
                c.tick(); // stop: the server flushes and sends the summary
                c.done.get(20, TimeUnit.SECONDS);
                clean++;
            } else {
                c.last.get(20, TimeUnit.SECONDS);
                ws.abort(); // a client that vanishes
                aborted++;
            }
        }
        Thread.sleep(2_000); // let the server notice the last drops
        String after = sample((System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "cycles: %d (%d stopped cleanly, %d dropped without a close)%n", m, clean, aborted);
        System.out.println("before: " + before);
        System.out.println("after:  " + after);
    }

    // ---- server resources ----

    private String sample(double atSeconds) {
        if (pid <= 0) {
            return String.format(Locale.ROOT, "t=%.0fs (no server pid given)", atSeconds);
        }
        try {
            Process gc = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true).start();
            gc.getInputStream().readAllBytes();
            gc.waitFor();
            Process info = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String heap = new String(info.getInputStream().readAllBytes());
            info.waitFor();
            Matcher mm = USED.matcher(heap);
            long usedKb = mm.find() ? Long.parseLong(mm.group(1)) : -1;
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            long rssKb = field(status, "VmRSS:");
            long threads = field(status, "Threads:");
            long fds;
            try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                fds = s.count();
            }
            return String.format(Locale.ROOT, "t=%4.0fs heap after GC %6.1f MB, RSS %6.1f MB, threads %d, open files %d",
                    atSeconds, usedKb / 1024.0, rssKb / 1024.0, threads, fds);
        } catch (IOException | InterruptedException e) {
            return "sample failed: " + e;
        }
    }

    private static long field(String status, String name) {
        for (String l : status.split("\n")) {
            if (l.startsWith(name)) {
                return Long.parseLong(l.substring(name.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    private static double percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        int i = (int) Math.min(v.length - 1, Math.max(0, Math.ceil(p * v.length) - 1));
        return v[i];
    }
}
