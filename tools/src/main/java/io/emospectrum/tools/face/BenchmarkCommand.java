package io.emospectrum.tools.face;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;
import java.util.ArrayList;
import java.util.List;
import io.emospectrum.image.MiniXceptionFaceExtractor;
import io.emospectrum.image.MiniXceptionFaceProvider;
import io.emospectrum.image.expression.ExpressionClassifier;
import io.emospectrum.image.frame.FrameSampling;
import io.emospectrum.image.frame.VideoFrameSource;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.FaceTracker;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code benchmark}: throughput figures, printed; never asserted in tests.
 *
 * <pre>
 * ./emospectrum-tools benchmark face cnn [BATCH] [SECONDS] [SIDE] [--engine auto|onnxruntime|pytorch]
 * ./emospectrum-tools benchmark face pipeline VIDEO [DETECTOR] [--detect-interval N] [--engine E]
 * JAVA_OPTS=-Xmx512m ./emospectrum-tools benchmark face memory VIDEO [FPS] [--engine E]
 * </pre>
 * {@code memory}: streams VIDEO sampled at FPS (default 2) and prints, per minute of media time,
 * the used heap (after a GC) and the process's resident memory, to show that neither grows.
 * {@code cnn}: the expression network alone on random crops (faces/s at the batch size, after a
 * warm-up). {@code pipeline}: decode every frame of VIDEO and pass it through the extractor's
 * {@code FaceTracker} (detect, crop, classify, track), 8 frames a call as {@code ClipAnalyzer} does
 * (frames/s of video, wall clock, including decoding). The whole product path, with the clip
 * decoder of {@code emospectrum video}, is {@code ./emospectrum-tools benchmark fusion}.
 */
@Command(name = "face", mixinStandardHelpOptions = true, description = "Throughput of the expression network (cnn), of the whole face pipeline on a video (pipeline), or memory over a long video (memory).")
public final class BenchmarkCommand implements Callable<Integer> {
    /** Frames per tracker call, as {@code ClipAnalyzer} batches them. */
    static final int FRAME_BATCH = 8;

    @Parameters(index = "0", paramLabel = "cnn|pipeline|memory")
    private String kind;
    @Parameters(index = "1..*", arity = "0..*", paramLabel = "ARG",
            description = "cnn [BATCH] [SECONDS] [SIDE] | pipeline VIDEO [DETECTOR] | memory VIDEO [FPS]")
    private List<String> pos = new ArrayList<>();
    @Option(names = "--engine", defaultValue = "auto", description = "auto, onnxruntime or pytorch (default: ${DEFAULT-VALUE})")
    private String engine;
    @Option(names = "--detect-interval", defaultValue = "1", description = "pipeline: detect every Nth frame")
    private int detectInterval;


@Override
    public Integer call() throws Exception {
        switch (kind) {
            case "cnn" -> cnn(pos.size() > 0 ? Integer.parseInt(pos.get(0)) : 64, pos.size() > 1 ? Double.parseDouble(pos.get(1)) : 10,
                    pos.size() > 2 ? Integer.parseInt(pos.get(2)) : 0, engine);
            case "memory" -> memory(Path.of(pos.get(0)), pos.size() > 1 ? Double.parseDouble(pos.get(1)) : 2, engine);
            case "pipeline" -> pipeline(Path.of(pos.get(0)), pos.size() > 1 ? pos.get(1) : null, detectInterval, engine);
            default -> throw new IllegalArgumentException("unknown benchmark " + kind + "; cnn, pipeline or memory");
        }
        return 0;
    }

    static void cnn(int batch, double seconds, int side, String engine) {
        try (ExpressionClassifier loaded = MiniXceptionFaceProvider.loadClassifier(ExtractorOptions.builder().batchSize(batch)
                .property("expression-engine", engine).build())) {
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
            System.out.printf("expression CNN on %s %s, batch %d, %dx%d input: %d faces in %.2f s = %.0f faces/s%n",
                    c.engine(), c.device(), batch, c.side(), c.side(), faces, s, faces / s);
        }
    }

    static void memory(Path video, double fps, String engine) {
        try (MiniXceptionFaceExtractor x = new MiniXceptionFaceProvider().createExtractor(ExtractorOptions.builder()
                .property("expression-engine", engine).property("detector-engine", engine).build())) {
            long[] minute = {0};
            long t0 = System.nanoTime();
            AtomicLong faces = new AtomicLong();
            Streamed res = stream(x, video, FrameSampling.targetFps(fps), r -> {
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
                    res.decoded(), res.analyzed(), res.skipped(), faces.get(), res.tracks(),
                    (rt.totalMemory() - rt.freeMemory()) >> 20, residentMb(), (System.nanoTime() - t0) / 1e9);
        }
    }

    /** What {@link #stream} saw. */
    record Streamed(long decoded, long analyzed, long skipped, int tracks) {
    }

    /**
     * Streams a video through the extractor's {@link FaceTracker} (the product's video path, as
     * {@code emospectrum video} drives it), {@link #FRAME_BATCH} sampled frames per call.
     */
    static Streamed stream(MiniXceptionFaceExtractor x, Path video, FrameSampling sampling, Consumer<EmotionReading> perFrame) {
        try (VideoFrameSource source = VideoFrameSource.open(video, sampling); FaceTracker tracker = x.openTracker()) {
            List<ImageFrame> batch = new ArrayList<>(FRAME_BATCH);
            long analyzed = 0;
            Optional<ImageFrame> next;
            do {
                next = source.next();
                next.ifPresent(batch::add);
                if (batch.size() == FRAME_BATCH || (next.isEmpty() && !batch.isEmpty())) {
                    tracker.acceptAll(batch).forEach(frame -> frame.forEach(perFrame));
                    analyzed += batch.size();
                    batch.clear();
                }
            } while (next.isPresent());
            return new Streamed(source.decodedFrames(), analyzed, source.skippedFrames(), tracker.trackSummaries().size());
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

    static void pipeline(Path video, String detector, int detectInterval, String engine) {
        ExtractorOptions.Builder ob = ExtractorOptions.builder().batchSize(64).property("detect-interval", Integer.toString(detectInterval))
                .property("expression-engine", engine);
        if (detector != null) {
            ob.property("detector", detector);
        }
        if (detector == null || detector.equals("blazeface")) {
            ob.property("detector-engine", engine); // both networks on the engine asked for
        }
        try (MiniXceptionFaceExtractor x = new MiniXceptionFaceProvider().createExtractor(ob.build())) {
            // Warm-up on the first frames, then the timed pass over the whole clip.
            stream(x, video, FrameSampling.everyNth(50), r -> { });
            AtomicLong faces = new AtomicLong();
            long t0 = System.nanoTime();
            Streamed res = stream(x, video, FrameSampling.everyFrame(), r -> faces.incrementAndGet());
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("pipeline (%s detector, detection on 1 frame in %d, engine %s, expressions on %s, FaceTracker, %d frames a call) on %s:"
                            + " %d frames decoded, %d analyzed, %d faces, %d tracks in %.2f s = %.1f analyzed frames/s, %.1f decoded frames/s%n",
                    x.detector().name(), detectInterval, engine, x.expressionEngine(), FRAME_BATCH, video, res.decoded(), res.analyzed(), faces.get(),
                    res.tracks(), s, res.analyzed() / s, res.decoded() / s);
        }
    }
}
