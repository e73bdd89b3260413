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
 * modality-image/scripts/run.sh io.emospectrum.image.eval.BenchmarkCommand cnn [BATCH] [SECONDS]
 * modality-image/scripts/run.sh io.emospectrum.image.eval.BenchmarkCommand pipeline VIDEO [detector] [--every N]
 * </pre>
 * {@code cnn}: the expression network alone on random crops (faces/s at the batch size, after a
 * warm-up). {@code pipeline}: decode, detect, crop, classify and track every frame of VIDEO
 * (frames/s of video, wall clock, including decoding).
 */
public final class BenchmarkCommand {
    private BenchmarkCommand() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: cnn [BATCH] [SECONDS] | pipeline VIDEO [DETECTOR] [--every N]");
            System.exit(2);
        }
        switch (args[0]) {
            case "cnn" -> cnn(args.length > 1 ? Integer.parseInt(args[1]) : 64, args.length > 2 ? Double.parseDouble(args[2]) : 10);
            case "pipeline" -> pipeline(Path.of(args[1]), args.length > 2 && !args[2].startsWith("--") ? args[2] : null,
                    args.length > 3 && args[args.length - 2].equals("--every") ? Integer.parseInt(args[args.length - 1]) : 1);
            default -> throw new IllegalArgumentException("unknown benchmark " + args[0]);
        }
    }

    static void cnn(int batch, double seconds) {
        try (ExpressionClassifier c = MiniXceptionFaceProvider.loadClassifier(ExtractorOptions.builder().batchSize(batch).build())) {
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
            System.out.printf("expression CNN on %s, batch %d: %d faces in %.2f s = %.0f faces/s%n", c.device(), batch, faces, s, faces / s);
        }
    }

    static void pipeline(Path video, String detector, int every) {
        ExtractorOptions.Builder ob = ExtractorOptions.builder().batchSize(64);
        if (detector != null) {
            ob.property("detector", detector);
        }
        try (MiniXceptionFaceExtractor x = new MiniXceptionFaceProvider().createExtractor(ob.build())) {
            // Warm-up on the first frames, then the timed pass over the whole clip.
            x.analyzeVideo(video, FrameSampling.everyNth(50), 8, r -> { });
            AtomicLong faces = new AtomicLong();
            long t0 = System.nanoTime();
            MiniXceptionFaceExtractor.VideoResult res = x.analyzeVideo(video, FrameSampling.everyNth(every), 8, r -> faces.incrementAndGet());
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("pipeline (%s detector, every %d frame(s)) on %s: %d frames decoded, %d analyzed, %d faces, %d tracks in %.2f s"
                            + " = %.1f analyzed frames/s, %.1f decoded frames/s%n",
                    x.detector().name(), every, video, res.decodedFrames(), res.analyzedFrames(), faces.get(), res.tracks().size(), s,
                    res.analyzedFrames() / s, res.decodedFrames() / s);
        }
    }
}
