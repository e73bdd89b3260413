package io.emospectrum.tools.face;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import java.util.concurrent.Callable;
import io.emospectrum.tools.ModelSourceConverter;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.tools.eval.ConfusionMatrix;
import io.emospectrum.image.expression.ExpressionClassifier;
import io.emospectrum.image.expression.FaceCropper;
import io.emospectrum.image.frame.ImageDecoder;
import io.emospectrum.image.tfjs.TfjsGraph;
import io.emospectrum.image.tfjs.TfjsGraphBlock;
import io.emospectrum.image.tfjs.TfjsModelLoader;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.media.PixelFormat;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelManifest;
import io.emospectrum.model.ModelSource;
import io.emospectrum.spectrum.BoundingBox;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.taxonomy.LabelMapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code train}: fine-tunes the imported mini-Xception on FER2013 {@code train/} with DJL
 * (PyTorch autograd through the imported graph's operations, Adam), with augmentation (mirror,
 * shift, zoom, tilt) and square-root-balanced class weights. A fixed, seeded, stratified part of
 * {@code train/} ({@code --val-fraction}, 10% by default) is held out: epochs and the weight
 * average are chosen on it alone, so PublicTest ({@code validation/}) stays unseen until
 * {@link io.emospectrum.tools.face.EvaluateCommand} measures the chosen model once. The chosen
 * weights are written as a TF.js graph model (same graph, new weights) with its
 * {@code SHA256SUMS}, loadable by the face provider as a user model. Seeded: the same arguments
 * give the same run on the same machine.
 *
 * <pre>
 * ./emospectrum-tools train face [--epochs 1] [--batch 64]
 *     [--lr 0.0005] [--schedule step|cosine] [--decay 1.0] [--label-smoothing 0] [--swa 0]
 *     [--side 64] [--val-fraction 0.1] [--split-seed 2013] [--limit N] [--seed 42]
 *     [--from classpath:io/emospectrum/image/models/mini-xception | DIR] [--out modality-image/target/trained]
 *     [--teachers DIR,DIR,... [--distill 0.5]] [--erase 0]
 * </pre>
 * {@code --schedule step} multiplies the learning rate by {@code --decay} per epoch;
 * {@code cosine} anneals it from {@code --lr} to 0 over all epochs. {@code --label-smoothing e}
 * spreads e of each target over all classes. {@code --swa K} also averages the weights of the last
 * K epochs (stochastic weight averaging: free at inference) and keeps the average if it scores
 * better on the held-out split. {@code --from} continues from earlier weights. {@code --side}
 * trains (and declares in the written graph's signature) another square input size: the network
 * is fully convolutional, and FER2013's own 48x48 costs 0.56x the operations of 64x64.
 * {@code --val-fraction 0} trains on all of {@code train/} and chooses nothing: the recipe, fixed
 * beforehand on a run with a held-out part, keeps the last epoch or the {@code --swa} average.
 * {@code --teachers} distils: each image's target is {@code 1 - d} of the label-smoothed class and
 * {@code d} ({@code --distill}) of the teachers' mean scores for that image (mirrored when the
 * augmentation mirrors it), scored once before training on onnxruntime. {@code --erase p} covers a random rectangle
 * of a face with noise with probability p, after the other augmentation (random erasing: occlusion).
 */
@Command(name = "face", mixinStandardHelpOptions = true, description = "Fine-tunes the expression network on FER2013 train (DJL autograd); chooses the epoch on a held-out part of train.")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--epochs", defaultValue = "1")
    private int epochs;
    @Option(names = "--batch", defaultValue = "64")
    private int batch;
    @Option(names = "--lr", defaultValue = "5e-4")
    private float lr;
    @Option(names = "--decay", defaultValue = "1", description = "learning-rate factor per epoch (step schedule)")
    private float decay;
    @Option(names = "--limit", description = "at most this many training images")
    private int limit = Integer.MAX_VALUE;
    @Option(names = "--seed", defaultValue = "42")
    private long seed;
    @Option(names = "--split-seed", description = "seed of the held-out split (default: the evaluation's)")
    private long splitSeed = HeldOutSplit.DEFAULT_SEED;
    @Option(names = "--val-fraction", description = "part of train held out for selection; 0: train on all of it")
    private double valFraction = HeldOutSplit.DEFAULT_FRACTION;
    @Option(names = "--schedule", defaultValue = "step", description = "step or cosine (default: ${DEFAULT-VALUE})")
    private String schedule;
    @Option(names = "--label-smoothing", defaultValue = "0")
    private float smoothing;
    @Option(names = "--swa", defaultValue = "0", description = "average the weights of the last N epochs")
    private int swa;
    @Option(names = "--side", defaultValue = "64", description = "input side in pixels (default: ${DEFAULT-VALUE})")
    private int side;
    @Option(names = "--out", defaultValue = "target/face-trained", description = "model directory written (default: ${DEFAULT-VALUE})")
    private Path out;
    @Option(names = "--from", description = "the model to start from (default: the imported mini-Xception)", converter = ModelSourceConverter.class)
    private ModelSource from = ModelSource.classpath("io/emospectrum/image/models/mini-xception", TrainCommand.class);
    @Option(names = "--teachers", split = ",", description = "models to distil from", converter = ModelSourceConverter.class)
    private List<ModelSource> teachers = new ArrayList<>();
    @Option(names = "--distill", defaultValue = "0.5", description = "weight of the teachers' soft targets")
    private float distill;
    @Option(names = "--erase", defaultValue = "0", description = "probability of covering a random rectangle of the face with noise (random erasing)")
    private float erase;


@Override
    public Integer call() throws IOException {
        if (!schedule.equals("step") && !schedule.equals("cosine")) {
            throw new IllegalArgumentException("--schedule is step or cosine, not " + schedule);
        }
        Engine.getEngine(TfjsModelLoader.ENGINE).setRandomSeed((int) seed);
        Random rnd = new Random(seed);

        long t0 = System.nanoTime();
        HeldOutSplit split = HeldOutSplit.of(Fer2013.list(Fer2013.defaultDir("train")), valFraction, splitSeed);
        List<Fer2013.Sample> train = new ArrayList<>(split.train());
        java.util.Collections.shuffle(train, new Random(seed));
        if (train.size() > limit) {
            train = train.subList(0, limit);
        }
        List<Fer2013.Sample> val = split.heldOut();
        // Without a held-out part nothing is chosen: a recipe fixed beforehand (on a split run)
        // decides, i.e. the last epoch, or the average of the last --swa epochs.
        boolean select = !val.isEmpty();
        if (select) {
            System.out.printf("held out %d of train/ (fraction %.2f, split seed %d) for selection; PublicTest is not used here%n",
                    val.size(), valFraction, splitSeed);
        } else {
            System.out.printf("no held-out part (--val-fraction %s): training on all of train/, keeping the %s%n", valFraction,
                    swa > 1 ? "average of the last " + swa + " epochs" : "last epoch");
        }
        ImageDecoder decoder = new ImageDecoder();
        List<ImageFrame> images = new ArrayList<>(train.size());
        int[] labels = new int[train.size()];
        long[] perClass = new long[Fer2013.CLASSES.size()];
        for (int i = 0; i < train.size(); i++) {
            images.add(gray(decoder.decode(train.get(i).file())));
            labels[i] = train.get(i).label();
            perClass[labels[i]]++;
        }
        // sqrt-balanced weights: rare classes (disgust) count more without wrecking overall accuracy.
        float[] classWeight = new float[perClass.length];
        for (int c = 0; c < perClass.length; c++) {
            classWeight[c] = perClass[c] == 0 ? 0 : (float) Math.sqrt(train.size() / (double) (perClass.length * perClass[c]));
        }
        System.out.printf("loaded %d train images in %.1f s; class weights %s%n", train.size(), (System.nanoTime() - t0) / 1e9,
                java.util.Arrays.toString(classWeight));

        ModelFiles files = ModelFiles.defaultCache();
        Path base = files.materialize(ModelSource.classpath("io/emospectrum/image/models/mini-xception", TrainCommand.class), true);
        TfjsModelLoader loader = new TfjsModelLoader(files);
        // The graph's labels are in its output order; FER2013 folders in theirs.
        List<String> modelLabels = List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");
        int[] outputOfFolder = new int[Fer2013.CLASSES.size()];
        for (int c = 0; c < outputOfFolder.length; c++) {
            outputOfFolder[c] = modelLabels.indexOf(Fer2013.CLASSES.get(c));
        }
        LabelMapping mapping;
        try (InputStream in = Files.newInputStream(base.resolve("labels.json"))) {
            mapping = LabelMapping.fromJson(in, "labels.json");
        }

        // Distillation targets: the teachers' mean scores on each image, as it is and mirrored
        // (augment() mirrors half the time), computed once, in the network's output order.
        float[][][] soft = teachers.isEmpty() ? null : teacherScores(loader, teachers, images, side, mapping.bind(modelLabels));
        if (soft != null) {
            System.out.printf("distilling from %d teacher(s), weight %.2f, their targets computed in %.0f s%n", teachers.size(), distill,
                    (System.nanoTime() - t0) / 1e9);
        }
        try (Model model = loader.load(from, "emotion.json", DeviceChoice.fromSystemProperty(), true)) {
            TfjsGraphBlock block = (TfjsGraphBlock) model.getBlock();
            List<Parameter> params = block.weightParameters();
            params.forEach(p -> p.getArray().setRequiresGradient(true));
            int stepsPerEpoch = Math.max(1, train.size() / batch);
            Tracker rate;
            if (schedule.equals("cosine")) {
                rate = Tracker.cosine().setBaseValue(lr).optFinalValue(0f).setMaxUpdates(epochs * stepsPerEpoch).build();
            } else if (decay == 1f) {
                rate = Tracker.fixed(lr);
            } else {
                // a factor per update, so that one epoch of updates multiplies the rate by decay
                rate = Tracker.factor().setBaseValue(lr).setFactor((float) Math.pow(decay, 1.0 / stepsPerEpoch)).build();
            }
            Optimizer adam = Optimizer.adam().optLearningRateTracker(rate).build();
            FaceCropper cropper = new FaceCropper(side);
            ExpressionClassifier eval = new ExpressionClassifier(model, new ModelId("mini-xception-ft", "epoch"),
                    mapping.bind(modelLabels), side, 256);
            double best = select ? accuracy(eval, val) : Double.NaN;
            int bestEpoch = 0;
            StringBuilder log = new StringBuilder(String.format("train %s%nepoch 0 (weights from %s): held-out accuracy %s%n",
                    String.join(" ", spec.commandLine().getParseResult().originalArgs()), from.describe(), accuracyText(best)));
            System.out.print(log);
            save(block.exportConstants(), base, out, log, side);
            Map<String, double[]> swaSum = new LinkedHashMap<>();
            int swaCount = 0;
            int[] order = new int[train.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int epoch = 1; epoch <= epochs; epoch++) {
                shuffle(order, rnd);
                long e0 = System.nanoTime();
                double lossSum = 0;
                int steps = 0;
                float[] x = new float[batch * side * side];
                for (int start = 0; start + batch <= order.length; start += batch) {
                    int nl = modelLabels.size();
                    float[] target = new float[batch * nl];
                    for (int i = 0; i < batch; i++) {
                        int k = order[start + i];
                        boolean mirrored = augment(cropper, images.get(k), rnd, x, i * side * side);
                        if (erase > 0 && rnd.nextFloat() < erase) {
                            erase(x, i * side * side, side, rnd);
                        }
                        // label smoothing: (1 - e) on the class, e spread over all, the whole row weighted;
                        // with teachers, a share of the target is their mean scores instead
                        float w = classWeight[labels[k]];
                        float hard = soft == null ? 1f : 1f - distill;
                        for (int c = 0; c < nl; c++) {
                            target[i * nl + c] = w * hard * smoothing / nl + (soft == null ? 0f : w * distill * soft[mirrored ? 1 : 0][k][c]);
                        }
                        target[i * nl + outputOfFolder[labels[k]]] += w * hard * (1 - smoothing);
                    }
                    try (NDManager m = model.getNDManager().newSubManager();
                         GradientCollector gc = Engine.getEngine(TfjsModelLoader.ENGINE).newGradientCollector()) {
                        NDArray in = m.create(x, new Shape(batch, side, side, 1));
                        NDList outList = block.forward(new ParameterStore(m, false), new NDList(in), true);
                        NDArray probs = outList.get(0);
                        // Weighted cross-entropy on the graph's softmax output.
                        NDArray loss = probs.clip(1e-7f, 1f).log().mul(m.create(target, new Shape(batch, modelLabels.size())))
                                .sum().neg().div(batch);
                        gc.backward(loss);
                        lossSum += loss.getFloat();
                        steps++;
                    }
                    for (Parameter p : params) {
                        NDArray w = p.getArray();
                        adam.update(p.getId(), w, w.getGradient());
                    }
                    if (steps % 50 == 0) {
                        System.out.printf("  epoch %d step %d/%d loss %.4f (%.0f s)%n", epoch, steps, order.length / batch, lossSum / steps,
                                (System.nanoTime() - e0) / 1e9);
                    }
                }
                double secs = (System.nanoTime() - e0) / 1e9;
                double acc = select ? accuracy(eval, val) : Double.NaN;
                String line = String.format("epoch %d: train loss %.4f, %.0f s (%.1f images/s), lr now %.2e, held-out accuracy %s%n", epoch,
                        lossSum / steps, secs, steps * batch / secs, rate.getNewValue(epoch * stepsPerEpoch), accuracyText(acc));
                System.out.print(line);
                log.append(line);
                Map<String, float[]> weightsNow = block.exportConstants();
                if (acc > best || (!select && epoch == epochs)) {
                    best = acc;
                    bestEpoch = epoch;
                    save(weightsNow, base, out, log, side);
                }
                if (epoch > epochs - swa) {
                    swaCount++;
                    weightsNow.forEach((k, v) -> {
                        double[] sum = swaSum.computeIfAbsent(k, key -> new double[v.length]);
                        for (int i = 0; i < v.length; i++) {
                            sum[i] += v[i];
                        }
                    });
                }
            }
            String chosen = String.format("%s epoch %d, held-out accuracy %s%n", select ? "best" : "last", bestEpoch, accuracyText(best));
            if (swaCount > 1) {
                Map<String, float[]> avg = new LinkedHashMap<>();
                for (Map.Entry<String, double[]> e : swaSum.entrySet()) {
                    float[] a = new float[e.getValue().length];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = (float) (e.getValue()[i] / swaCount);
                    }
                    avg.put(e.getKey(), a);
                }
                Path swaDir = out.resolve("swa");
                save(avg, base, swaDir, new StringBuilder(), side);
                double swaAcc = Double.NaN;
                if (select) {
                    try (Model averaged = loader.load(ModelSource.path(swaDir), "emotion.json", DeviceChoice.fromSystemProperty(), false)) {
                        swaAcc = accuracy(new ExpressionClassifier(averaged, new ModelId("mini-xception-ft", "swa"), mapping.bind(modelLabels),
                                side, 256), val);
                    }
                }
                String line = String.format("average of the last %d epochs: held-out accuracy %s%n", swaCount, accuracyText(swaAcc));
                System.out.print(line);
                log.append(line);
                if (swaAcc > best || !select) {
                    chosen = String.format("chosen: average of the last %d epochs, held-out accuracy %s%n", swaCount, accuracyText(swaAcc));
                    log.append(chosen);
                    save(avg, base, out, log, side);
                } else {
                    log.append("chosen: ").append(chosen);
                }
            } else {
                log.append("chosen: ").append(chosen);
            }
            Files.writeString(out.resolve("TRAINING.txt"), log);
            System.out.printf("%smodel in %s; total %.0f s; measure it once on PublicTest with EvaluateCommand --model %s --labels %s%n",
                    log.substring(log.lastIndexOf("chosen")), out.toAbsolutePath(), (System.nanoTime() - t0) / 1e9, out,
                    out.resolve("labels.json"));
        }
        return 0;
    }

    private static String accuracyText(double accuracy) {
        return Double.isNaN(accuracy) ? "n/a (no held-out part)" : String.format("%.4f", accuracy);
    }

    private static double accuracy(ExpressionClassifier c, List<Fer2013.Sample> val) {
        ConfusionMatrix m = EvaluateCommand.evaluate(c, val);
        return m.accuracy();
    }

    private static void save(Map<String, float[]> weights, Path base, Path out, CharSequence log, int side) throws IOException {
        Files.createDirectories(out);
        TfjsGraphWriter.writeWithWeights(base.resolve("emotion.json"), out.resolve("emotion.json"), weights);
        // The graph is fully convolutional: the side it was trained at is declared for the provider to crop at.
        TfjsGraphWriter.setSignatureInputShape(out.resolve("emotion.json"), new long[] {-1, side, side, 1});
        Files.copy(base.resolve("labels.json"), out.resolve("labels.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        StringBuilder sums = new StringBuilder();
        for (String f : List.of("emotion.json", "emotion.bin", "labels.json")) {
            sums.append(ModelManifest.sha256(out.resolve(f))).append("  ").append(f).append('\n');
        }
        Files.writeString(out.resolve(ModelManifest.FILE_NAME), sums);
        Files.writeString(out.resolve("TRAINING.txt"), log);
    }

    /** The teachers' mean scores per image: {@code [0]} as it is, {@code [1]} mirrored. */
    private static float[][][] teacherScores(TfjsModelLoader loader, List<ModelSource> teachers, List<ImageFrame> images, int side,
                                             io.emospectrum.taxonomy.BoundLabelMapping labels) {
        FaceCropper cropper = new FaceCropper(side);
        int per = cropper.cropSize();
        float[][][] mean = new float[2][images.size()][];
        int chunk = 1024;
        float[] buf = new float[chunk * per];
        for (ModelSource t : teachers) {
            try (ExpressionClassifier c = new ExpressionClassifier(loader.loadOnnx(loader.read(t, "emotion.json"), Map.of()),
                    new ModelId("teacher", t.describe()), labels, side, 256)) {
                for (int start = 0; start < images.size(); start += chunk) {
                    int n = Math.min(chunk, images.size() - start);
                    for (int i = 0; i < n; i++) {
                        cropper.crop(images.get(start + i), buf, i * per);
                    }
                    for (int flip = 0; flip < 2; flip++) {
                        float[][] scores = c.scores(flip == 0 ? buf : ExpressionClassifier.mirror(buf, n, side), n);
                        for (int i = 0; i < n; i++) {
                            float[] acc = mean[flip][start + i];
                            if (acc == null) {
                                acc = mean[flip][start + i] = new float[scores[i].length];
                            }
                            for (int k = 0; k < acc.length; k++) {
                                acc[k] += scores[i][k] / teachers.size();
                            }
                        }
                    }
                }
            }
        }
        return mean;
    }

    /**
     * Random mirror, shift (+-8%), zoom (0.9-1.1) and tilt (+-10 degrees) of a 48x48 face.
     *
     * @return whether the face was mirrored
     */
    static boolean augment(FaceCropper cropper, ImageFrame img, Random rnd, float[] out, int offset) {
        float w = img.width();
        float h = img.height();
        float scale = 0.9f + 0.2f * rnd.nextFloat();
        float bw = w * scale;
        float bh = h * scale;
        float x = (w - bw) / 2 + (rnd.nextFloat() - 0.5f) * 0.16f * w;
        float y = (h - bh) / 2 + (rnd.nextFloat() - 0.5f) * 0.16f * h;
        double roll = Math.toRadians((rnd.nextFloat() - 0.5f) * 20);
        cropper.crop(img, new BoundingBox(x, y, bw, bh), roll, out, offset);
        boolean mirror = rnd.nextBoolean();
        if (mirror) {
            int s = cropper.side();
            for (int r = 0; r < s; r++) {
                for (int c = 0; c < s / 2; c++) {
                    int a = offset + r * s + c;
                    int b = offset + r * s + (s - 1 - c);
                    float t = out[a];
                    out[a] = out[b];
                    out[b] = t;
                }
            }
        }
        return mirror;
    }

    /**
     * Random erasing (Zhong et al. 2017): one rectangle of 2-33% of the face, aspect ratio 0.3-3.3, filled with
     * uniform noise in the network's input range [-1, 1]; an occluded face (a hand, a microphone) must still be read
     * from what is left.
     *
     * @return the rectangle as {x, y, width, height} in pixels
     */
    static int[] erase(float[] out, int offset, int side, Random rnd) {
        while (true) {
            double area = side * side * (0.02 + 0.31 * rnd.nextDouble());
            double aspect = Math.exp(Math.log(0.3) + (Math.log(3.3) - Math.log(0.3)) * rnd.nextDouble());
            int h = (int) Math.round(Math.sqrt(area * aspect));
            int w = (int) Math.round(Math.sqrt(area / aspect));
            if (w < 1 || h < 1 || w >= side || h >= side) {
                continue;
            }
            int x0 = rnd.nextInt(side - w + 1);
            int y0 = rnd.nextInt(side - h + 1);
            for (int y = y0; y < y0 + h; y++) {
                for (int x = x0; x < x0 + w; x++) {
                    out[offset + y * side + x] = rnd.nextFloat() * 2 - 1;
                }
            }
            return new int[] {x0, y0, w, h};
        }
    }

    private static ImageFrame gray(ImageFrame f) {
        if (f.format() == PixelFormat.GRAY8) {
            return f;
        }
        byte[] px = f.copyPixels();
        byte[] g = new byte[f.width() * f.height()];
        for (int i = 0; i < g.length; i++) {
            g[i] = px[i * 3 + 1]; // FER2013 is gray: the three channels are equal
        }
        return ImageFrame.of(f.width(), f.height(), PixelFormat.GRAY8, g);
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
