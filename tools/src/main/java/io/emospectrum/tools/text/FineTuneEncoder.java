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
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelSource;
import io.emospectrum.text.TextModels;
import io.emospectrum.tools.text.bert.BertConfig;
import io.emospectrum.tools.text.bert.BertEncoder;
import io.emospectrum.tools.text.bert.BertWeightsLoader;
import io.emospectrum.text.encoder.TensorFile;
import io.emospectrum.text.encoder.BundledEncoderFiles;
import io.emospectrum.text.encoder.TokenBatch;
import io.emospectrum.text.head.EmotionHead;
import io.emospectrum.text.head.HeadClassifier;
import io.emospectrum.text.head.HeadConfig;
import io.emospectrum.text.onnx.OnnxBertWeights;
import io.emospectrum.text.onnx.OnnxGraph;
import io.emospectrum.text.tokenize.TextTokenizer;
import io.emospectrum.text.tokenize.TokenWindow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * {@code train}: fine-tunes all-MiniLM-L6-v2 with its emotion head on GoEmotions train.tsv, with
 * DJL on the PyTorch engine. The encoder is the ONNX file's weights in a {@link BertEncoder}; the
 * embeddings and the layers below the top {@code --layers} stay frozen (on two CPU cores that is
 * what fits; it also keeps the shipped delta small). The head starts from the bundled trained head
 * ({@code --head bundled}) or fresh. Adam, linear warm-up then linear decay, label-weighted sigmoid
 * loss, length-bucketed batches with dynamic padding, fixed seed. Every {@code --eval-every}
 * batches and at each epoch's end, dev macro-F1 (per-label thresholds tuned on dev) is logged and
 * the trained tensors are checkpointed to {@code --work}; the best one on dev is kept as
 * {@code best.tensors}. {@link ExportFineTuned} turns that into the shipped model.
 *
 * <pre>
 * nice -n 5 ./emospectrum-tools train text --layers 3 --lr 1e-4 --head-lr 5e-4 \
 *     --epochs 2 --limit-batches 1600 --eval-every 400 --work target/finetune
 * </pre>
 * Options: {@code --layers} (top layers trained), {@code --epochs}, {@code --limit-batches} (total steps of the
 * schedule), {@code --batch}, {@code --lr}, {@code --head-lr}, {@code --warmup}, {@code --dropout},
 * {@code --max-tokens}, {@code --pos-weight-power}, {@code --eval-every}, {@code --head bundled|fresh},
 * {@code --seed}, {@code --data}, {@code --work}.
 */
@Command(name = "text", mixinStandardHelpOptions = true, description = "Fine-tunes the top encoder layers and the head on GoEmotions train (DJL, PyTorch); checkpoints the best dev macro-F1.")
public final class FineTuneEncoder implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--data", description = "GoEmotions directory (default: <shared data>/text/goemotions)")
    private Path data = GoEmotionsCorpus.defaultDir();
    @Option(names = "--work", defaultValue = "target/finetune", description = "checkpoints and log (default: ${DEFAULT-VALUE})")
    private Path work;
    @Option(names = "--epochs", defaultValue = "2")
    private int epochs;
    @Option(names = "--batch", defaultValue = "32")
    private int batchSize;
    @Option(names = "--layers", defaultValue = "2", description = "top encoder layers trained (default: ${DEFAULT-VALUE})")
    private int trainedLayers;
    @Option(names = "--max-tokens", defaultValue = "64")
    private int maxTokens;
    @Option(names = "--lr", defaultValue = "5e-5")
    private float lr;
    @Option(names = "--head-lr", defaultValue = "5e-4")
    private float headLr;
    @Option(names = "--warmup", defaultValue = "0.06", description = "fraction of the steps warming up (default: ${DEFAULT-VALUE})")
    private float warmup;
    @Option(names = "--dropout", defaultValue = "0.1")
    private float dropout;
    @Option(names = "--pos-weight-power", defaultValue = "0.5")
    private double posPower;
    @Option(names = "--eval-every", defaultValue = "0", description = "batches between dev evaluations; 0: once per epoch")
    private int evalEvery;
    @Option(names = "--limit-batches", defaultValue = "0", description = "total steps of the schedule; 0: all epochs")
    private int limit;
    @Option(names = "--seed", defaultValue = "42")
    private int seed;
    @Option(names = "--head", defaultValue = "bundled", description = "bundled or fresh (default: ${DEFAULT-VALUE})")
    private String headInit;

    static final String HEAD_PREFIX = "head.";


@Override
    public Integer call() throws Exception {
        String encoderName = TextModels.DEFAULT_ENCODER;

        long t0 = System.nanoTime();
        Files.createDirectories(work);
        GoEmotionsCorpus corpus = GoEmotionsCorpus.open(data);
        List<GoEmotionsCorpus.Example> train = corpus.read("train");
        List<GoEmotionsCorpus.Example> dev = corpus.read("dev");
        float[][] yTrain = corpus.targets(train);
        float[][] yDev = corpus.targets(dev);
        List<String> labels = corpus.labels();

        Path encoderDir = BundledEncoderFiles.materialize(TextModels.encoderManifest(encoderName),
                FineTuneEncoder.class.getClassLoader(), ModelFiles.defaultCache().directory());
        List<TokenWindow> trainW;
        List<TokenWindow> devW;
        long padId;
        try (TextTokenizer tok = TextTokenizer.load(encoderDir.resolve(encoderName + "-tokenizer.json"), maxTokens, 0)) {
            trainW = firstWindows(tok, TrainHead.texts(train));
            devW = firstWindows(tok, TrainHead.texts(dev));
            padId = tok.padId();
        }
        OnnxBertWeights pretrained = OnnxBertWeights.of(OnnxGraph.read(encoderDir.resolve(encoderName + ".onnx")));
        Path headDir = ModelFiles.defaultCache().materialize(ModelSource.classpath(TextModels.BUNDLED_DIR, TextModels.class), true);
        HeadConfig headConfig = HeadConfig.read(headDir.resolve("head.json"));

        BertConfig cfg = BertConfig.MINILM_L6_H384;
        cfg = new BertConfig(cfg.vocabSize(), cfg.hidden(), cfg.layers(), cfg.heads(), cfg.intermediate(), cfg.maxPositions(),
                cfg.typeVocab(), dropout);
        int firstTrained = cfg.layers() - trainedLayers;
        Engine.getEngine("PyTorch").setRandomSeed(seed);
        Random rnd = new Random(seed);
        int stepsPerEpoch = (trainW.size() + batchSize - 1) / batchSize;
        int totalSteps = limit > 0 ? Math.min(limit, epochs * stepsPerEpoch) : epochs * stepsPerEpoch;
        int every = evalEvery > 0 ? evalEvery : stepsPerEpoch;
        System.out.printf("fine-tune: %d train / %d dev comments, top %d of %d layers + head, %d steps (%d per epoch), batch %d, "
                + "lr %.1e (head %.1e), seed %d%n", trainW.size(), devW.size(), trainedLayers, cfg.layers(), totalSteps, stepsPerEpoch,
                batchSize, lr, headLr, seed);

        try (Model model = Model.newInstance("goemotions-minilm-ft", Device.cpu(), "PyTorch")) {
            BertEncoder encoder = new BertEncoder(cfg);
            Block head = EmotionHead.build(headConfig);
            EncoderClassifier classifier = new EncoderClassifier(encoder, head);
            model.setBlock(classifier);
            NDManager m = model.getNDManager();
            Shape s = new Shape(1, 8);
            classifier.initialize(m, DataType.FLOAT32, s, s, s);
            BertWeightsLoader.load(encoder, m, pretrained);
            if (headInit.equals("bundled")) {
                copyBundledHead(TextModels.headWeights(ModelFiles.defaultCache(), headDir), headConfig, head);
            }
            encoder.freezeBelow(firstTrained);
            Set<String> headIds = new HashSet<>();
            head.getParameters().values().forEach(p -> headIds.add(p.getId()));
            WeightedSigmoidLoss loss = new WeightedSigmoidLoss(WeightedSigmoidLoss.weights(yTrain, posPower, 20));
            DefaultTrainingConfig tc = new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(
                            new WarmupLinearDecay(lr, headLr, headIds, Math.round(warmup * totalSteps), totalSteps)).build())
                    .optDevices(new Device[]{Device.cpu()});
            double bestDev = -1;
            try (Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(s, s, s);
                double f0 = devMacroF1(trainer, devW, yDev, padId, labels);
                System.out.printf("step %5d  dev macro-F1 %.4f (before fine-tuning)%n", 0, f0);
                int step = 0;
                long tTrain = System.nanoTime();
                double lossSum = 0;
                int lossCount = 0;
                outer:
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    for (int[] batch : bucketedBatches(trainW, batchSize, rnd)) {
                        try (NDManager bm = m.newSubManager()) {
                            NDList x = inputs(bm, trainW, batch, padId);
                            float[][] y = new float[batch.length][];
                            for (int i = 0; i < batch.length; i++) {
                                y[i] = yTrain[batch[i]];
                            }
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDList pred = trainer.forward(x);
                                NDArray l = loss.evaluate(new NDList(bm.create(y)), pred);
                                gc.backward(l);
                                lossSum += l.getFloat();
                                lossCount++;
                            }
                            trainer.step();
                        }
                        step++;
                        if (step % 50 == 0 || step == 10) {
                            double sec = (System.nanoTime() - tTrain) / 1e9;
                            System.out.printf("step %5d/%d  epoch %d  loss %.4f  %.2f s/batch  %.0f s%n", step, totalSteps, epoch,
                                    lossSum / lossCount, sec / step, sec);
                            lossSum = 0;
                            lossCount = 0;
                        }
                        boolean last = step == totalSteps;
                        if (step % every == 0 || last) {
                            double f1 = devMacroF1(trainer, devW, yDev, padId, labels);
                            Path ckpt = work.resolve("step-" + step + ".tensors");
                            TensorFile.write(ckpt, trainedTensors(encoder, head, firstTrained));
                            String mark = "";
                            if (f1 > bestDev) {
                                bestDev = f1;
                                Files.copy(ckpt, work.resolve("best.tensors"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                                Files.writeString(work.resolve("best.properties"), "step=" + step + "\nepoch=" + epoch + "\ndevMacroF1="
                                        + f1 + "\nlayers=" + trainedLayers + "\nargs=" + String.join(" ", spec.commandLine().getParseResult().originalArgs()) + "\n", StandardCharsets.UTF_8);
                                mark = "  (best so far)";
                            }
                            System.out.printf("step %5d  epoch %d  dev macro-F1 %.4f%s  %.0f s%n", step, epoch, f1, mark,
                                    (System.nanoTime() - t0) / 1e9);
                        }
                        if (last) {
                            break outer;
                        }
                    }
                }
            }
            System.out.printf("fine-tune: best dev macro-F1 %.4f; %.1f s in all; checkpoints in %s%n", bestDev,
                    (System.nanoTime() - t0) / 1e9, work.toAbsolutePath());
        }
        return 0;
    }

    /** The tensors fine-tuning changes: the trained layers (Hugging Face names) and the head ({@code head.N}, in block order). */
    static Map<String, TensorFile.Entry> trainedTensors(BertEncoder encoder, Block head, int firstTrained) {
        Map<String, TensorFile.Entry> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : encoder.parametersByHfName().entrySet()) {
            if (layerOf(e.getKey()) >= firstTrained) {
                NDArray arr = e.getValue().getArray();
                out.put(e.getKey(), new TensorFile.Entry(arr.getShape().getShape(), arr.toFloatArray()));
            }
        }
        int i = 0;
        for (Pair<String, Parameter> p : head.getParameters()) {
            NDArray arr = p.getValue().getArray();
            out.put(HEAD_PREFIX + i++, new TensorFile.Entry(arr.getShape().getShape(), arr.toFloatArray()));
        }
        return out;
    }

    /** {@code encoder.layer.N.*} -> N; embeddings -> -1. */
    static int layerOf(String hfName) {
        String p = "encoder.layer.";
        if (!hfName.startsWith(p)) {
            return -1;
        }
        return Integer.parseInt(hfName.substring(p.length(), hfName.indexOf('.', p.length())));
    }

    static void copyBundledHead(Path headDir, HeadConfig config, Block target) throws IOException, MalformedModelException {
        try (Model hm = Model.newInstance(HeadClassifier.PARAMS_NAME, Device.cpu(), "PyTorch")) {
            hm.setBlock(EmotionHead.build(config));
            hm.load(headDir, HeadClassifier.PARAMS_NAME);
            List<Parameter> src = hm.getBlock().getParameters().values();
            List<Parameter> dst = target.getParameters().values();
            for (int i = 0; i < src.size(); i++) {
                BertWeightsLoader.assign(dst.get(i), src.get(i).getArray().toFloatArray());
            }
        }
    }

    static List<TokenWindow> firstWindows(TextTokenizer tok, List<String> texts) {
        List<TokenWindow> w = new ArrayList<>(texts.size());
        for (List<TokenWindow> ws : tok.windowsAll(texts)) {
            w.add(ws.get(0));
        }
        return w;
    }

    /** Shuffled, then sorted by length within pools of 50 batches, cut into batches whose order is shuffled again. */
    static List<int[]> bucketedBatches(List<TokenWindow> windows, int batchSize, Random rnd) {
        List<Integer> idx = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            idx.add(i);
        }
        Collections.shuffle(idx, rnd);
        List<int[]> batches = new ArrayList<>();
        int pool = batchSize * 50;
        for (int from = 0; from < idx.size(); from += pool) {
            List<Integer> chunk = new ArrayList<>(idx.subList(from, Math.min(idx.size(), from + pool)));
            chunk.sort(Comparator.comparingInt(i -> windows.get(i).length()));
            for (int b = 0; b < chunk.size(); b += batchSize) {
                batches.add(chunk.subList(b, Math.min(chunk.size(), b + batchSize)).stream().mapToInt(Integer::intValue).toArray());
            }
        }
        Collections.shuffle(batches, rnd);
        return batches;
    }

    static NDList inputs(NDManager m, List<TokenWindow> windows, int[] rows, long padId) {
        List<TokenWindow> w = new ArrayList<>(rows.length);
        for (int r : rows) {
            w.add(windows.get(r));
        }
        TokenBatch tb = TokenBatch.of(w, padId);
        return new NDList(m.create(tb.ids()), m.create(tb.typeIds()), m.create(tb.mask()));
    }

    /** Sigmoid probabilities of every window, batches of 64 sorted by length, in input order. */
    static float[][] predict(Trainer trainer, List<TokenWindow> windows, long padId) {
        Integer[] order = new Integer[windows.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> windows.get(i).length()));
        float[][] out = new float[windows.size()][];
        for (int from = 0; from < order.length; from += 64) {
            int to = Math.min(order.length, from + 64);
            int[] rows = new int[to - from];
            for (int k = from; k < to; k++) {
                rows[k - from] = order[k];
            }
            try (NDManager bm = trainer.getManager().newSubManager()) {
                NDArray p = Activation.sigmoid(trainer.evaluate(inputs(bm, windows, rows, padId)).singletonOrThrow());
                int k = (int) p.getShape().get(1);
                float[] flat = p.toFloatArray();
                for (int i = 0; i < rows.length; i++) {
                    out[rows[i]] = Arrays.copyOfRange(flat, i * k, (i + 1) * k);
                }
            }
        }
        return out;
    }

    static double devMacroF1(Trainer trainer, List<TokenWindow> devW, float[][] yDev, long padId, List<String> labels) {
        float[][] p = predict(trainer, devW, padId);
        float[] th = MultiLabelMetrics.tuneThresholds(p, yDev);
        return MultiLabelMetrics.macroF1(MultiLabelMetrics.perLabel(MultiLabelMetrics.predict(p, th), yDev, labels));
    }
}
