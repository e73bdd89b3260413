package io.emospectrum.tools.text;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import java.util.concurrent.Callable;
import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import io.emospectrum.model.ModelManifest;
import io.emospectrum.text.TextModels;
import io.emospectrum.text.head.EmotionHead;
import io.emospectrum.text.head.HeadClassifier;
import io.emospectrum.text.head.HeadConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code train}: rebuilds the bundled GoEmotions head from the data. Encodes train/dev/test once
 * with the frozen encoder (cached in {@code --work}), trains the {@link EmotionHead} with DJL on
 * the PyTorch engine (Adam, label-weighted sigmoid cross-entropy, fixed seed), keeps the epoch
 * with the best dev macro-F1 after per-label threshold tuning on dev, and writes parameters,
 * {@code head.json}, {@code label-mapping.json} and {@code SHA256SUMS} to {@code --out}.
 *
 * <pre>
 * ./emospectrum-tools train text-head --out target/goemotions-minilm
 * </pre>
 */
@Command(name = "text-head", mixinStandardHelpOptions = true, description = "Trains the GoEmotions head on the frozen encoder (the previous model).")
public final class TrainHead implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--data", description = "GoEmotions directory (default: <shared data>/text/goemotions)")
    private Path data = GoEmotionsCorpus.defaultDir();
    @Option(names = "--out", defaultValue = "target/goemotions-minilm")
    private Path out;
    @Option(names = "--work", defaultValue = "target/goemotions-features", description = "feature cache (default: ${DEFAULT-VALUE})")
    private Path work;
    @Option(names = "--epochs", defaultValue = "20")
    private int epochs;
    @Option(names = "--hidden", defaultValue = "512")
    private int hidden;
    @Option(names = "--dropout", defaultValue = "0.3")
    private float dropout;
    @Option(names = "--lr", defaultValue = "0.001")
    private float lr;
    @Option(names = "--weight-decay", defaultValue = "0.0001")
    private float weightDecay;
    @Option(names = "--batch", defaultValue = "128")
    private int batchSize;
    @Option(names = "--pos-weight-power", defaultValue = "0.5")
    private double posPower;
    @Option(names = "--features", defaultValue = "mean+cls")
    private String features;
    @Option(names = "--seed", defaultValue = "42")
    private int seed;
    @Option(names = "--encoder", description = "bundled encoder name (default: the default encoder)")
    private String encoderName = TextModels.DEFAULT_ENCODER;
    @Option(names = "--name", defaultValue = "goemotions-minilm", description = "model name written into head.json")
    private String modelName;


@Override
    public Integer call() throws Exception {
        int maxTokens = 128;

        long t0 = System.nanoTime();
        GoEmotionsCorpus corpus = GoEmotionsCorpus.open(data);
        List<GoEmotionsCorpus.Example> train = corpus.read("train");
        List<GoEmotionsCorpus.Example> dev = corpus.read("dev");
        List<GoEmotionsCorpus.Example> test = corpus.read("test");
        float[][] xTrain;
        float[][] xDev;
        float[][] xTest;
        try (FeatureCache cache = new FeatureCache(work, encoderName, maxTokens)) {
            xTrain = cache.features("train", texts(train));
            xDev = cache.features("dev", texts(dev));
            xTest = cache.features("test", texts(test));
        }
        int dim = features.equals("mean") ? xTrain[0].length / 2 : xTrain[0].length;
        xTrain = select(xTrain, dim);
        xDev = select(xDev, dim);
        xTest = select(xTest, dim);
        float[][] yTrain = corpus.targets(train);
        float[][] yDev = corpus.targets(dev);
        float[][] yTest = corpus.targets(test);
        List<String> labels = corpus.labels();

        Engine.getEngine("PyTorch").setRandomSeed(seed);
        Files.createDirectories(out);
        float[] bestThresholds = null;
        float[][] bestDevProbs = null;
        double bestDev = -1;
        int bestEpoch = -1;
        try (Model model = Model.newInstance(HeadClassifier.PARAMS_NAME, Device.cpu(), "PyTorch")) {
            model.setBlock(EmotionHead.build(hidden, labels.size(), dropout));
            model.setProperty("Epoch", "0"); // one parameter file, overwritten by each better epoch
            NDManager m = model.getNDManager();
            ArrayDataset ds = new ArrayDataset.Builder()
                    .setData(m.create(xTrain)).optLabels(m.create(yTrain))
                    .setSampling(batchSize, true).build();
            DefaultTrainingConfig cfg = new DefaultTrainingConfig(new WeightedSigmoidLoss(WeightedSigmoidLoss.weights(yTrain, posPower, 20)))
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).optWeightDecays(weightDecay).build())
                    .optDevices(new Device[]{Device.cpu()});
            try (Trainer trainer = model.newTrainer(cfg)) {
                trainer.initialize(new Shape(1, dim));
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    for (Batch batch : trainer.iterateDataset(ds)) {
                        try (batch) {
                            EasyTrain.trainBatch(trainer, batch);
                            trainer.step();
                        }
                    }
                    float[][] pDev = predict(trainer, xDev);
                    float[] thresholds = MultiLabelMetrics.tuneThresholds(pDev, yDev);
                    double f1 = MultiLabelMetrics.macroF1(MultiLabelMetrics.perLabel(
                            MultiLabelMetrics.predict(pDev, thresholds), yDev, labels));
                    System.out.printf("epoch %2d  dev macro-F1 %.4f%n", epoch, f1);
                    if (f1 > bestDev) {
                        bestDev = f1;
                        bestEpoch = epoch;
                        bestThresholds = thresholds;
                        bestDevProbs = pDev;
                        model.save(out, HeadClassifier.PARAMS_NAME);
                    }
                }
            }
        }
        // Reload the best epoch and score test with the dev-tuned thresholds.
        float[][] pTest;
        try (Model best = Model.newInstance(HeadClassifier.PARAMS_NAME, Device.cpu(), "PyTorch")) {
            best.setBlock(EmotionHead.build(hidden, labels.size(), dropout));
            best.load(out, HeadClassifier.PARAMS_NAME);
            try (Trainer t = best.newTrainer(new DefaultTrainingConfig(new WeightedSigmoidLoss(new float[labels.size()])))) {
                pTest = predict(t, xTest);
            }
        }
        Files.deleteIfExists(out.resolve("serving.properties"));
        int[] group = corpus.categoryOfLabel();
        int cats = io.emospectrum.spectrum.EmotionCategory.COUNT;
        float[] categoryThresholds = MultiLabelMetrics.tuneThresholds(
                MultiLabelMetrics.groupScores(bestDevProbs, bestThresholds, group, cats), MultiLabelMetrics.groupTargets(yDev, group, cats));
        HeadConfig config = new HeadConfig(modelName, "1.0.0", encoderName, features, dim, hidden, dropout,
                labels, bestThresholds, maxTokens, 32, categoryThresholds);
        config.write(out.resolve("head.json"));
        Files.writeString(out.resolve("label-mapping.json"), corpus.labelMappingJson(), StandardCharsets.UTF_8);
        copyResource(TextModels.encoderManifest(encoderName), out.resolve("encoder.SHA256SUMS"));
        writeNotice(out, String.join(" ", spec.commandLine().getParseResult().originalArgs()), bestEpoch, bestDev, encoderName);
        writeManifest(out);

        MultiLabelMetrics.LabelF1[] test28 = MultiLabelMetrics.perLabel(MultiLabelMetrics.predict(pTest, bestThresholds), yTest, labels);
        List<String> catNames = io.emospectrum.spectrum.EmotionCategory.ordered().stream().map(c -> c.key()).toList();
        double test7 = MultiLabelMetrics.macroF1(MultiLabelMetrics.perLabel(MultiLabelMetrics.predict(
                MultiLabelMetrics.groupScores(pTest, bestThresholds, group, cats), categoryThresholds),
                MultiLabelMetrics.groupTargets(yTest, group, cats), catNames));
        System.out.printf("best epoch %d: dev macro-F1 %.4f; test macro-F1 (28 labels) %.4f, (7 categories) %.4f%n", bestEpoch, bestDev,
                MultiLabelMetrics.macroF1(test28), test7);
        System.out.printf("train: %.1f s; wrote %s%n", (System.nanoTime() - t0) / 1e9, out.toAbsolutePath());
        return 0;
    }

    /** Provenance and licences of every file of the model directory. */
    static void writeNotice(Path out, String args, int epoch, double devF1, String encoder) throws IOException {
        String params = HeadClassifier.PARAMS_NAME + "-0000.params";
        String text = """
                Emotion head for EmoSpectrum's text modality (goemotions-minilm provider)
                ========================================================================

                %s (SHA-256 %s)
                  Trained in this project by io.emospectrum.tools.text.TrainHead (args: %s),
                  DJL 0.36.0 on the PyTorch 2.7.1 engine, seed fixed; best epoch %d, dev macro-F1 %.4f.
                  Training data: GoEmotions (Demszky et al., ACL 2020), train.tsv; thresholds in
                  head.json tuned on dev.tsv. GoEmotions licence: Apache-2.0. These weights: Apache-2.0.
                head.json, label-mapping.json
                  Written by the same command. label-mapping.json is the GoEmotions authors'
                  ekman_mapping.json (Apache-2.0) with neutral -> NEUTRAL.

                Encoder, not in this directory: %s.onnx and %s-tokenizer.json from the
                class-path root of Maven dev.langchain4j:langchain4j-embeddings-%s:1.19.0-beta29
                (Apache-2.0), sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) as ONNX;
                encoder.SHA256SUMS pins their bytes and says more.
                """.formatted(params, ModelManifest.sha256(out.resolve(params)), args, epoch, devF1, encoder, encoder, encoder);
        Files.writeString(out.resolve("NOTICE"), text, StandardCharsets.UTF_8);
    }

    static float[][] predict(Trainer trainer, float[][] x) {
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray logits = trainer.evaluate(new NDList(scope.create(x))).singletonOrThrow();
            NDArray p = Activation.sigmoid(logits);
            int k = (int) p.getShape().get(1);
            float[] flat = p.toFloatArray();
            float[][] rows = new float[x.length][k];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(flat, i * k, rows[i], 0, k);
            }
            return rows;
        }
    }

    static float[][] select(float[][] x, int dim) {
        if (x[0].length == dim) {
            return x;
        }
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = java.util.Arrays.copyOf(x[i], dim);
        }
        return out;
    }

    static List<String> texts(List<GoEmotionsCorpus.Example> examples) {
        List<String> t = new ArrayList<>(examples.size());
        examples.forEach(e -> t.add(e.text()));
        return t;
    }

    private static void copyResource(String resource, Path target) throws IOException {
        try (InputStream in = TrainHead.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            Files.write(target, in.readAllBytes());
        }
    }

    /** SHA256SUMS over every file of the model directory except itself, in sha256sum format. */
    static void writeManifest(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && !name.equals(ModelManifest.FILE_NAME)) {
                    sb.append(ModelManifest.sha256(f)).append("  ").append(name).append('\n');
                }
            }
        }
        Files.writeString(dir.resolve(ModelManifest.FILE_NAME), sb.toString(), StandardCharsets.UTF_8);
    }
}
