package io.emospectrum.tools.face;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;
import io.emospectrum.tools.eval.ConfusionMatrix;
import io.emospectrum.image.MiniXceptionFaceProvider;
import io.emospectrum.image.expression.ExpressionClassifier;
import io.emospectrum.image.expression.FaceCropper;
import io.emospectrum.image.frame.ImageDecoder;
import io.emospectrum.model.ModelSource;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.taxonomy.LabelMapping;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code evaluate}: accuracy of the expression network on a FER2013 split in crop mode (each
 * image is the face: no detection), per-class recall and the confusion matrix. Deterministic.
 *
 * <pre>
 * ./emospectrum-tools evaluate face [SPLIT_DIR] [--held-out] [--mirror-average] [--model DIR --labels DIR/labels.json]
 * </pre>
 * SPLIT_DIR defaults to {@code ../shared/data/face/fer2013/validation} (PublicTest).
 * {@code --mirror-average} scores each crop and its mirror image and averages the two.
 * {@code --held-out} evaluates instead on the part of {@code train/} that {@code train} holds out
 * for selection ({@link HeldOutSplit}, default fraction and seed), to compare models without
 * touching PublicTest.
 */
@Command(name = "face", mixinStandardHelpOptions = true, description = "Accuracy of the expression network on a FER2013 split in crop mode: per-class recall, confusion matrix.")
public final class EvaluateCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "SPLIT_DIR", description = "default: <shared data>/face/fer2013/validation (PublicTest)")
    private Path dir;
    @Option(names = "--model", description = "a model directory (default: the bundled one)")
    private String model;
    @Option(names = "--labels", description = "its label mapping (labels.json), with --model")
    private String labels;
    @Option(names = "--held-out", description = "evaluate on the part of train/ that 'train face' holds out")
    private boolean heldOut;
    @Option(names = "--mirror-average", description = "average each crop's and its mirror image's scores")
    private boolean mirror;


@Override
    public Integer call() throws Exception {
        if (dir == null) {
            dir = Fer2013.defaultDir(heldOut ? "train" : "validation");
        }
        ExtractorOptions.Builder ob = ExtractorOptions.builder().batchSize(64).property("mirror-average", Boolean.toString(mirror));
        if (model != null) {
            ob.model(ModelSource.parse(model), LabelMapping.fromJson(Path.of(labels)));
            if (java.nio.file.Files.isRegularFile(Path.of(model, "emotion.json"))) {
                ob.property("model-file", "emotion.json"); // what TrainCommand writes
            }
        }
        List<Fer2013.Sample> samples = heldOut
                ? HeldOutSplit.of(Fer2013.list(dir), HeldOutSplit.DEFAULT_FRACTION, HeldOutSplit.DEFAULT_SEED).heldOut()
                : Fer2013.list(dir);
        long t0 = System.nanoTime();
        try (ExpressionClassifier c = MiniXceptionFaceProvider.loadClassifier(ob.build())) {
            ConfusionMatrix m = evaluate(c, samples);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("model %s (%s) on %s%s, crop mode%s%n", c.id(), c.engine(), dir, heldOut ? " (held-out part)" : "",
                    mirror ? ", mirror-averaged" : "");
            System.out.print(m.report());
            System.out.printf("time %.1f s (decode + preprocess + inference)%n", s);
        }
        return 0;
    }

    /** Classifies every sample; the model's labels are matched to the folder names. */
    public static ConfusionMatrix evaluate(ExpressionClassifier c, List<Fer2013.Sample> samples) {
        List<String> labels = c.labelNames();
        int[] folderOfLabel = new int[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            folderOfLabel[i] = Fer2013.CLASSES.indexOf(labels.get(i));
            if (folderOfLabel[i] < 0) {
                throw new IllegalArgumentException("model label '" + labels.get(i) + "' is not a FER2013 class " + Fer2013.CLASSES);
            }
        }
        ImageDecoder decoder = new ImageDecoder();
        FaceCropper cropper = new FaceCropper(c.side());
        ConfusionMatrix m = new ConfusionMatrix(Fer2013.CLASSES);
        int chunk = 512;
        float[] buf = new float[chunk * cropper.cropSize()];
        for (int start = 0; start < samples.size(); start += chunk) {
            int n = Math.min(chunk, samples.size() - start);
            for (int i = 0; i < n; i++) {
                cropper.crop(decoder.decode(samples.get(start + i).file()), buf, i * cropper.cropSize());
            }
            float[][] scores = c.scores(buf, n);
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int k = 1; k < scores[i].length; k++) {
                    if (scores[i][k] > scores[i][best]) {
                        best = k;
                    }
                }
                m.add(samples.get(start + i).label(), folderOfLabel[best]);
            }
        }
        return m;
    }
}
