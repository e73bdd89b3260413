package io.emospectrum.tools.text;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.util.concurrent.Callable;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.text.GoEmotionsMiniLmProvider;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.tools.SharedData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code benchmark}: texts per second of the whole emotion pipeline (tokenize, encode, head,
 * spectrum) at batch 32 on 20-word English texts, against langchain4j's own
 * {@code AllMiniLmL6V2EmbeddingModel.embedAll} (embeddings only) on the same texts in the same
 * run, alternating rounds so that both see the same machine load. Reports the median round, and
 * each side's process CPU time per text (steadier than texts/s on a shared machine). langchain4j
 * runs as it ships: one text per call on its own pool of one thread per core, no padding.
 *
 * <p>With {@code --latency N}: milliseconds per call of one text instead (see {@link #latency()}).
 *
 * <pre>./emospectrum-tools benchmark text [--texts 512] [--rounds 5] [--warmup 512] [--variant int8|fp32] [--latency N]</pre>
 */
@Command(name = "text", mixinStandardHelpOptions = true, description = "Texts per second of the text pipeline at batch 32, against langchain4j embedAll on the same texts.")
public final class ThroughputBenchmark implements Callable<Integer> {

    @Option(names = "--texts", defaultValue = "512")
    private int n;
    @Option(names = "--rounds", defaultValue = "5")
    private int rounds;
    @Option(names = "--warmup", defaultValue = "512", description = "texts each side reads untimed first, other texts than the timed ones (default: ${DEFAULT-VALUE})")
    private int warmup;
    @Option(names = "--variant", defaultValue = "corpora", description = "a bundled variant: corpora, permissive (= int8), fp32 (default: ${DEFAULT-VALUE}, the provider's)")
    private String variant;
    @Option(names = "--data", description = "GoEmotions directory with test.tsv (default: the shared data's text/goemotions)")
    private Path data;
    @Option(names = "--latency", paramLabel = "N", defaultValue = "0",
            description = "instead of texts/s: milliseconds per call of ONE text, N calls per side (p50, p95), with spread-single-batch "
                    + "false (the default) and true, and langchain4j's embed of one text; the sides take turns call by call")
    private int latencyCalls;
    @Option(names = "--words", paramLabel = "N", defaultValue = "20", description = "words per text with --latency (default: ${DEFAULT-VALUE})")
    private int words;


@Override
    public Integer call() throws Exception {
        if (latencyCalls > 0) {
            return latency();
        }
        List<String> all = twentyWordTexts(data != null ? data : GoEmotionsCorpus.defaultDir(), n + warmup);
        List<String> texts = all.subList(0, n);
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        List<String> warmTexts = all.subList(n, all.size());
        System.out.printf("%d texts of 20 words, e.g. \"%s\"%n", texts.size(), texts.get(0));
        // Ours first: DJL's OnnxRuntime engine must create the process's OrtEnvironment (with its
        // thread settings); langchain4j then reuses it.
        try (TextEmotionExtractor ours = new GoEmotionsMiniLmProvider().create(ExtractorOptions.builder().batchSize(32).property("variant", variant).build())) {
            AllMiniLmL6V2EmbeddingModel peer = new AllMiniLmL6V2EmbeddingModel();
            // warm-up, the same for both sides and on texts that are not timed: JIT, native initialization,
            // ONNX sessions and their memory for each batch shape (ours batches by length, so it sees many
            // shapes; with only 64 texts its first timed rounds were still ~1.5x slower than its later ones)
            runOurs(ours, warmTexts);
            peer.embedAll(warmTexts.stream().map(TextSegment::from).toList());
            double[] oursRate = new double[rounds];
            double[] peerRate = new double[rounds];
            double[] oursCpu = new double[rounds];
            double[] peerCpu = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                runOurs(ours, texts);
                oursRate[r] = texts.size() / ((System.nanoTime() - t0) / 1e9);
                oursCpu[r] = (processCpuNanos() - c0) / 1e6 / texts.size();
                c0 = processCpuNanos();
                t0 = System.nanoTime();
                peer.embedAll(segments);
                peerRate[r] = texts.size() / ((System.nanoTime() - t0) / 1e9);
                peerCpu[r] = (processCpuNanos() - c0) / 1e6 / texts.size();
                System.out.printf("round %d: emospectrum %.0f texts/s (%.2f CPU ms/text), langchain4j embedAll %.0f texts/s (%.2f CPU ms/text)%n",
                        r + 1, oursRate[r], oursCpu[r], peerRate[r], peerCpu[r]);
            }
            double o = median(oursRate);
            double p = median(peerRate);
            System.out.printf("median: emospectrum " + variant + " %.0f texts/s (batch 32, %s), langchain4j embedAll %.0f texts/s, ratio %.2fx%n",
                    o, ours.device(), p, o / p);
            // CPU time per text counts the work, not the wait: steadier than texts/s on a shared
            // machine (spinning onnxruntime worker threads count as work too).
            System.out.printf("median CPU time: emospectrum %.2f ms/text, langchain4j embedAll %.2f ms/text (%d processors)%n",
                    median(oursCpu), median(peerCpu), Runtime.getRuntime().availableProcessors());
        }
        return 0;
    }

    /**
     * Latency of a call with one text of {@code --words} words (one encoder batch): the provider as
     * it ships (the batch on one core) and with {@code spread-single-batch=true} (spread over the
     * cores by a second encoder session), and langchain4j's {@code embed} of one text.
     * The sides take turns call by call (ours in rotating order, langchain4j last and then a pause,
     * since its spinning threads slow the next call), each on its own text, so that all see the
     * same machine load; the load average is printed before and after. CPU time is the whole
     * process's during each call.
     */
    private int latency() throws IOException {
        List<String> all = wordTexts(data != null ? data : GoEmotionsCorpus.defaultDir(), latencyCalls + warmup, words);
        List<String> texts = all.subList(0, latencyCalls);
        List<String> warmTexts = all.subList(latencyCalls, all.size());
        System.out.printf("%d calls of one %d-word text per side, e.g. \"%s\"; %d processors, load average %.2f%n", texts.size(),
                words, texts.get(0), Runtime.getRuntime().availableProcessors(), loadAverage());
        ExtractorOptions.Builder base = ExtractorOptions.builder().batchSize(32).property("variant", variant);
        List<String> names = new ArrayList<>();
        List<TextEmotionExtractor> ours = new ArrayList<>();
        try {
            for (String spread : List.of("false", "true")) {
                ours.add(new GoEmotionsMiniLmProvider().create(base.property("spread-single-batch", spread).build()));
                names.add("emospectrum " + variant + ", spread-single-batch=" + spread);
            }
            AllMiniLmL6V2EmbeddingModel peer = new AllMiniLmL6V2EmbeddingModel();
            names.add("langchain4j embed, one text");
            List<java.util.function.Consumer<String>> sides = new ArrayList<>();
            for (TextEmotionExtractor x : ours) {
                sides.add(x::analyze);
            }
            sides.add(peer::embed);
            for (String t : warmTexts) { // JIT, native initialization, each session's first runs
                for (java.util.function.Consumer<String> side : sides) {
                    side.accept(t);
                }
                pause();
            }
            double[][] ms = new double[sides.size()][texts.size()];
            long[] cpu = new long[sides.size()];
            int own = ours.size();
            for (int i = 0; i < texts.size(); i++) {
                for (int k = 0; k <= own; k++) {
                    // ours in turn, the order rotating; langchain4j last, then a pause: its onnxruntime
                    // threads spin after each call and would slow whichever call came next
                    int s = k == own ? own : (i + k) % own;
                    long c0 = processCpuNanos();
                    long t0 = System.nanoTime();
                    sides.get(s).accept(texts.get(i));
                    ms[s][i] = (System.nanoTime() - t0) / 1e6;
                    cpu[s] += processCpuNanos() - c0;
                }
                pause();
            }
            for (int s = 0; s < sides.size(); s++) {
                System.out.printf("%s: p50 %.2f ms, p95 %.2f ms, mean %.2f ms per call; CPU %.2f ms per call%n", names.get(s),
                        percentile(ms[s], 50), percentile(ms[s], 95), Arrays.stream(ms[s]).average().orElse(0), cpu[s] / 1e6 / texts.size());
            }
            System.out.printf("p50 spread / one core %.2fx; load average at the end %.2f%n",
                    percentile(ms[1], 50) / percentile(ms[0], 50), loadAverage());
        } finally {
            for (TextEmotionExtractor x : ours) {
                x.close();
            }
        }
        return 0;
    }

    /** Long enough for onnxruntime's spinning threads to go to sleep. */
    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** One analyzeAll call per 32 texts: every call is one batch. */
    private static void runOurs(TextEmotionExtractor x, List<String> texts) {
        for (int from = 0; from < texts.size(); from += 32) {
            List<TextAnalysis> r = x.analyzeAll(texts.subList(from, Math.min(texts.size(), from + 32)));
            if (r.isEmpty()) {
                throw new IllegalStateException("no result");
            }
        }
    }

    /**
     * Consecutive 20-word stretches of GoEmotions test comments (real English). Without the data the
     * benchmark stops with a clear error: a repeated stand-in text would be scored once per distinct
     * window by the pipeline and give an inflated figure.
     */
    static List<String> twentyWordTexts(Path dir, int n) throws IOException {
        return wordTexts(dir, n, 20);
    }

    /** As {@link #twentyWordTexts}, {@code words} words each. */
    static List<String> wordTexts(Path dir, int n, int words) throws IOException {
        SharedData.require(dir, "GoEmotions (the benchmark's texts; --data DIR)");
        Path test = dir.resolve("test.tsv");
        if (!Files.isRegularFile(test)) {
            throw new ConfigurationException("GoEmotions test split not found at " + test.toAbsolutePath().normalize()
                    + " (the benchmark's texts; pass --data DIR or -Demospectrum.shared.data=DIR)");
        }
        List<String> all = new ArrayList<>();
        for (GoEmotionsCorpus.Example e : GoEmotionsCorpus.open(dir).read("test")) {
            all.addAll(Arrays.asList(e.text().strip().split("\\s+")));
            if (all.size() >= words * n) {
                break;
            }
        }
        if (all.size() < words * n) {
            throw new ConfigurationException(test + " has " + all.size() + " words, fewer than the " + words * n
                    + " that --texts " + n + " needs; ask for fewer texts");
        }
        List<String> texts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            texts.add(String.join(" ", all.subList(words * i, words * i + words)));
        }
        return texts;
    }

    /** CPU time of the whole process (every thread, native ones included), or -1 where the JVM cannot tell. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** The p-th percentile, nearest rank. */
    static double percentile(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100.0 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
