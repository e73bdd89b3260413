package io.emospectrum.image.eval;

import io.emospectrum.image.MiniXceptionFaceExtractor;
import io.emospectrum.image.MiniXceptionFaceProvider;
import io.emospectrum.image.expression.ExpressionClassifier;
import io.emospectrum.image.frame.FrameSampling;
import io.emospectrum.spi.ExtractorOptions;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code benchmark}: throughput figures, printed; never asserted in tests.
 *
 * <pre>
 * modality-image/scripts/run.sh io.emospectrum.image.eval.BenchmarkCommand cnn [BATCH] [SECONDS] [SIDE]
 * modality-image/scripts/run.sh io.emospectrum.image.eval.BenchmarkCommand pipeline VIDEO [DETECTOR] [--detect-interval N]
 * JAVA_OPTS=-Xmx512m modality-image/scripts/run.sh io.emospectrum.image.eval.BenchmarkCommand memory VIDEO [FPS]
 * </pre>
 * {@code memory}: streams VIDEO sampled at FPS (default 2) and prints, per minute of media time,
 * the used heap (after a GC) and the process's resident memory, to show that neither grows.
 * {@code cnn}: the expression network alone on random crops (faces/s at the batch size, after a
 * warm-up). {@code pipeline}: decode, detect, crop, classify and track every frame of VIDEO
 * (frames/s of video, wall clock, including decoding).
 */
public final class BenchmarkCommand {
    private BenchmarkCommand() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: cnn [BATCH] [SECONDS] [SIDE] | pipeline VIDEO [DETECTOR] [--detect-interval N] | memory VIDEO [FPS]");
            System.exit(2);
        }
        switch (args[0]) {
            case "cnn" -> cnn(args.length > 1 ? Integer.parseInt(args[1]) : 64, args.length > 2 ? Double.parseDouble(args[2]) : 10,
                    args.length > 3 ? Integer.parseInt(args[3]) : 0);
            case "memory" -> memory(Path.of(args[1]), args.length > 2 ? Double.parseDouble(args[2]) : 2);
            case "pipeline" -> pipeline(Path.of(args[1]), args.length > 2 && !args[2].startsWith("--") ? args[2] : null,
                    args.length > 3 && args[args.length - 2].equals("--detect-interval") ? Integer.parseInt(args[args.length - 1]) : 1);
            default -> throw new IllegalArgumentException("unknown benchmark " + args[0]);
        }
    }

    static void cnn(int batch, double seconds, int side) {
        try (ExpressionClassifier loaded = MiniXceptionFaceProvider.loadClassifier(ExtractorOptions.builder().batchSize(batch).build())) {
            // The network is fully convolutional: SIDE runs the same weights at another input size.
            ExpressionClassifier c = side <= 0 ? loaded : new ExpressionClassifier(loaded.model(), loaded.id(), loaded.labels(), side, batch);
            float[] crops = new float[batch * c.side() * c.side()];
            Random r = new Random(42);
            for (int i = 0; i < crops.length; i++) {
                crops[i] = r.nextFloat() * 2 - 1;
            }
            for (int i = 0; i < 5; i++) {
                c.scores(crops, batch); // warm-up: allocator, kernels
            }
            long faces = 0;
            long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < seconds * 1e9) {
                c.scores(crops, batch);
                faces += batch;
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("expression CNN on %s, batch %d, %dx%d input: %d faces in %.2f s = %.0f faces/s%n", c.device(), batch, c.side(),
                    c.side(), faces, s, faces / s);
        }
    }

    static void memory(Path video, double fps) {
        try (MiniXceptionFaceExtractor x = new MiniXceptionFaceProvider().createExtractor(ExtractorOptions.builder().build())) {
            long[] minute = {0};
            long t0 = System.nanoTime();
            AtomicLong faces = new AtomicLong();
            MiniXceptionFaceExtractor.VideoResult res = x.analyzeVideo(video, FrameSampling.targetFps(fps), 8, r -> {
                faces.incrementAndGet();
                long m = (long) (r.span().time().start() / 60);
                if (m >= minute[0]) {
                    minute[0] = m + 1;
                    System.gc();
                    Runtime rt = Runtime.getRuntime();
                    System.out.printf("media minute %2d: heap used %4d MB (max %d MB), resident %4d MB, wall %.0f s%n", m,
                            (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20, residentMb(), (System.nanoTime() - t0) / 1e9);
                }
            });
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("end: %d frames decoded, %d analyzed, %d skipped, %d faces, %d tracks; heap used %d MB, resident %d MB, wall %.0f s%n",
                    res.decodedFrames(), res.analyzedFrames(), res.skippedFrames(), faces.get(), res.tracks().size(),
                    (rt.totalMemory() - rt.freeMemory()) >> 20, residentMb(), (System.nanoTime() - t0) / 1e9);
        }
    }

    /** VmRSS from /proc (Linux): heap plus every native allocation (PyTorch, FFmpeg, OpenCV). */
    private static long residentMb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static void pipeline(Path video, String detector, int detectInterval) {
        ExtractorOptions.Builder ob = ExtractorOptions.builder().batchSize(64).property("detect-interval", Integer.toString(detectInterval));
        if (detector != null) {
            ob.property("detector", detector);
        }
        try (MiniXceptionFaceExtractor x = new MiniXceptionFaceProvider().createExtractor(ob.build())) {
            // Warm-up on the first frames, then the timed pass over the whole clip.
            x.analyzeVideo(video, FrameSampling.everyNth(50), 8, r -> { });
            AtomicLong faces = new AtomicLong();
            long t0 = System.nanoTime();
            MiniXceptionFaceExtractor.VideoResult res = x.analyzeVideo(video, FrameSampling.everyFrame(), 8, r -> faces.incrementAndGet());
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("pipeline (%s detector, detection on 1 frame in %d) on %s: %d frames decoded, %d analyzed, %d faces, %d tracks in %.2f s"
                            + " = %.1f analyzed frames/s, %.1f decoded frames/s%n",
                    x.detector().name(), detectInterval, video, res.decodedFrames(), res.analyzedFrames(), faces.get(), res.tracks().size(), s,
                    res.analyzedFrames() / s, res.decodedFrames() / s);
        }
    }
}
