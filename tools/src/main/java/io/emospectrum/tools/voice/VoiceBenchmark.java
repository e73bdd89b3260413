package io.emospectrum.tools.voice;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.util.concurrent.Callable;
import io.emospectrum.audio.GruVoiceProvider;
import io.emospectrum.audio.features.FeatureConfig;
import io.emospectrum.audio.features.FrameFeatureExtractor;
import io.emospectrum.audio.io.AudioFiles;
import io.emospectrum.audio.io.Resampler;
import io.emospectrum.tools.voice.RavdessClip;
import io.emospectrum.tools.voice.RavdessCorpus;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.VoiceEmotionExtractor;
import io.emospectrum.spi.VoiceStream;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code benchmark} command: speed of one stream on one core (features alone, and features +
 * net, as a multiple of real time), latency from the chunk that ends a window to its reading, and
 * the heap that {@code --streams} concurrent live streams hold. Speech is RAVDESS (held-out actors)
 * when present, else a generated voice-like signal.
 *
 * <pre>JAVA_OPTS=-Xmx1g ./emospectrum-tools benchmark voice [--seconds 300] [--streams 100] [--rate 8000] [--hop 0.5] [--model DIR]</pre>
 */
@Command(name = "voice", mixinStandardHelpOptions = true, description = "Speed of one voice stream on one core, window latency, and the heap of many concurrent live streams.")
public final class VoiceBenchmark implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "300", description = "audio length (default: ${DEFAULT-VALUE})")
    private int seconds;
    @Option(names = "--streams", defaultValue = "100", description = "concurrent live streams (default: ${DEFAULT-VALUE})")
    private int streams;
    @Option(names = "--rate", defaultValue = "8000", description = "sample rate in Hz (default: ${DEFAULT-VALUE})")
    private int rate;
    @Option(names = "--hop", defaultValue = "0.5", description = "window hop in seconds (default: ${DEFAULT-VALUE})")
    private String hop;
    @Option(names = "--model", description = "a candidate model directory (default: the bundled one)")
    private Path model;


@Override
    public Integer call() throws Exception {
        // One core for the net: set before the engine starts.
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Speech input = speech(rate, seconds);
        float[] speech = input.samples();
        System.out.printf(Locale.ROOT, "audio: %d s at %d Hz (%s); windows every %s s; JVM max heap %d MB; available processors %d%n",
                seconds, rate, input.source(), hop, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

        ExtractorOptions.Builder options = ExtractorOptions.builder().device(DeviceChoice.CPU).property(GruVoiceProvider.WINDOW_HOP.name(), hop);
        if (model != null) {
            options.model(io.emospectrum.model.ModelSource.path(model)); // a candidate, before shipping it
        }
        try (VoiceEmotionExtractor x = new GruVoiceProvider().create(options.build())) {
            System.out.println("model " + x.model());
            featuresOnly(speech, rate);
            oneStream(x, speech, rate);
            oneStream(x, speech, rate);
            manyStreams(x, speech, rate, streams);
        }
        return 0;
    }

    private record Speech(float[] samples, String source) {
    }

    private static Speech speech(int rate, int seconds) {
        float[] out = new float[rate * seconds];
        if (Files.isDirectory(RavdessCorpus.defaultDirectory())) {
            List<RavdessClip> clips = RavdessCorpus.clips(RavdessCorpus.defaultDirectory(), RavdessCorpus.TEST_ACTORS);
            int pos = 0;
            for (int i = 0; pos < out.length; i = (i + 1) % clips.size()) {
                AudioBuffer b = AudioFiles.read(clips.get(i).file());
                Resampler r = new Resampler(b.sampleRate(), rate);
                float[] x = r.process(b.mono());
                int n = Math.min(x.length, out.length - pos);
                System.arraycopy(x, 0, out, pos, n);
                pos += n;
            }
            return new Speech(out, "RAVDESS actors 19-20, concatenated");
        }
        for (int i = 0; i < out.length; i++) {
            double t = i / (double) rate;
            double f0 = 140 + 30 * Math.sin(2 * Math.PI * 0.7 * t);
            double env = Math.max(0, Math.sin(2 * Math.PI * 3.5 * t));
            out[i] = (float) (0.3 * env * (Math.sin(2 * Math.PI * f0 * t) + 0.5 * Math.sin(4 * Math.PI * f0 * t)));
        }
        return new Speech(out, "generated voice-like signal");
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU time of this thread: what one core spends, whatever else the machine runs. */
    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static void featuresOnly(float[] speech, int rate) {
        for (int rep = 0; rep < 2; rep++) {
            long c0 = cpu();
            long t0 = System.nanoTime();
            long[] frames = {0};
            Resampler r = new Resampler(rate, FeatureConfig.DEFAULT.sampleRate());
            FrameFeatureExtractor f = new FrameFeatureExtractor(FeatureConfig.DEFAULT, x -> frames[0]++);
            int chunk = rate / 50;
            for (int i = 0; i < speech.length; i += chunk) {
                f.accept(r.process(Arrays.copyOfRange(speech, i, Math.min(speech.length, i + chunk))));
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double busy = (cpu() - c0) / 1e9;
            System.out.printf(Locale.ROOT, "features only (resampling, MFCC, YIN, energy), 20 ms chunks: %.0fx real time by CPU time "
                            + "of the thread, %.0fx by wall clock (%d frames)%n",
                    speech.length / (double) rate / busy, speech.length / (double) rate / wall, frames[0]);
        }
    }

    private static void oneStream(VoiceEmotionExtractor x, float[] speech, int rate) {
        int chunk = rate / 50; // 20 ms packets, as telephony delivers them
        List<Long> latencies = new ArrayList<>();
        long[] callStart = {0};
        long c0 = cpu();
        long t0 = System.nanoTime();
        try (VoiceStream s = x.openStream(rate, 1, r -> latencies.add(System.nanoTime() - callStart[0]))) {
            for (int i = 0; i < speech.length; i += chunk) {
                float[] c = Arrays.copyOfRange(speech, i, Math.min(speech.length, i + chunk));
                callStart[0] = System.nanoTime();
                s.accept(AudioBuffer.of(c, 1, rate, i / (double) rate));
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double busy = (cpu() - c0) / 1e9;
        long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "one stream, features + net, one thread: %.0fx real time by CPU time, %.0fx by wall clock; "
                        + "%d windows scored; "
                        + "latency from the chunk that ends a window to its reading: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                speech.length / (double) rate / busy, speech.length / (double) rate / wall, l.length, pct(l, 0.5), pct(l, 0.95), l.length == 0 ? 0 : l[l.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }

    private static void manyStreams(VoiceEmotionExtractor x, float[] speech, int rate, int n) {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = mem.getHeapMemoryUsage().getUsed();
        AtomicLong readings = new AtomicLong();
        List<VoiceStream> open = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            open.add(x.openStream(rate, 1, r -> readings.incrementAndGet()));
        }
        int chunk = rate / 50;
        int seconds = Math.min(60, speech.length / rate);
        long peak = 0;
        long t0 = System.nanoTime();
        // Round-robin: every stream gets its next 20 ms packet in turn, as live calls interleave.
        for (int i = 0; i < seconds * rate; i += chunk) {
            for (int k = 0; k < n; k++) {
                int off = (i + k * rate * 7) % (speech.length - chunk); // each stream at a different place in the speech
                open.get(k).accept(AudioBuffer.of(Arrays.copyOfRange(speech, off, off + chunk), 1, rate));
            }
            if (i % (rate * 5) == 0) {
                peak = Math.max(peak, mem.getHeapMemoryUsage().getUsed());
            }
        }
        System.gc();
        long live = mem.getHeapMemoryUsage().getUsed();
        double wall = (System.nanoTime() - t0) / 1e9;
        open.forEach(VoiceStream::close);
        System.out.printf(Locale.ROOT, "%d concurrent streams x %d s: %d readings in %.1f s (%.1fx real time in total); "
                        + "heap after GC %d MB (%d MB before opening them), highest sampled %d MB, max heap %d MB%n",
                n, seconds, readings.get(), wall, n * seconds / wall, live >> 20, before >> 20, peak >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }
}
