package io.emospectrum.audio.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import io.emospectrum.audio.features.FeatureConfig;
import io.emospectrum.audio.features.FrameFeatures;
import io.emospectrum.audio.features.WindowFeatures;
import io.emospectrum.audio.model.VoiceModel;
import io.emospectrum.audio.model.VoiceModelConfig;
import io.emospectrum.audio.model.VoiceNet;
import io.emospectrum.audio.model.VoiceTranslator;
import io.emospectrum.model.ModelManifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The {@code train} command: rebuilds the bundled voice model from RAVDESS with a speaker-independent
 * split (train actors 01-16, validate 17-18, test 19-20), keeps the epoch with the best validation
 * unweighted average recall, reports the test figures and writes the model directory (weights,
 * settings, label mapping, NOTICE, SHA256SUMS).
 *
 * <pre>scripts/audio-model.sh train [--data DIR] [--out DIR] [--epochs N] [--seed N] [--hidden N] [--layers N] [--lr X] [--cmn true] [--perturb true]</pre>
 */
public final class TrainVoiceModel {
    private static final int VERSIONS = 3; // clean, telephone, noisy

    private final FeatureConfig features = FeatureConfig.DEFAULT;
    private final Random random;
    private final int epochs;
    private final long seed;
    private final int batchSize = 32;

    private final int hidden;
    private final int layers;

    private final float learningRate;

    private final boolean cmn;
    private final boolean perturb;

    private TrainVoiceModel(long seed, int epochs, int hidden, int layers, float learningRate, boolean cmn, boolean perturb) {
        this.cmn = cmn;
        this.perturb = perturb;
        this.learningRate = learningRate;
        this.hidden = hidden;
        this.layers = layers;
        this.seed = seed;
        this.random = new Random(seed);
        this.epochs = epochs;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Args.parse(args);
        Path data = Path.of(a.getOrDefault("data", RavdessCorpus.defaultDirectory().toString()));
        Path out = Path.of(a.getOrDefault("out", "modality-audio/src/main/resources/" + VoiceModel.BUNDLED));
        long seed = Long.parseLong(a.getOrDefault("seed", "7"));
        int epochs = Integer.parseInt(a.getOrDefault("epochs", "30"));
        int hidden = Integer.parseInt(a.getOrDefault("hidden", "128"));
        int layers = Integer.parseInt(a.getOrDefault("layers", "1"));
        float lr = Float.parseFloat(a.getOrDefault("lr", "0.003"));
        boolean cmn = Boolean.parseBoolean(a.getOrDefault("cmn", "false"));
        boolean perturb = Boolean.parseBoolean(a.getOrDefault("perturb", "false"));
        new TrainVoiceModel(seed, epochs, hidden, layers, lr, cmn, perturb).run(data, out);
    }

    private record Example(List<List<FrameFeatures>> versions, int label) {
    }

    private void run(Path data, Path out) throws Exception {
        long t0 = System.nanoTime();
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        List<Example> train = load(RavdessCorpus.clips(data, RavdessCorpus.TRAIN_ACTORS), true);
        List<Example> val = load(RavdessCorpus.clips(data, RavdessCorpus.VALIDATION_ACTORS), false);
        List<Example> test = load(RavdessCorpus.clips(data, RavdessCorpus.TEST_ACTORS), false);
        System.out.printf(Locale.ROOT, "features: %d train, %d validation, %d test clips in %.0f s%n",
                train.size(), val.size(), test.size(), (System.nanoTime() - t0) / 1e9);

        VoiceModelConfig config = new VoiceModelConfig("ravdess-gru", "1.0.0", RavdessCorpus.LABELS, features,
                100, 25, 2, 128, hidden, layers, false, 0.3f, cmn, null, null, null);
        float[][] stats = statistics(train, config);
        config = config.withStatistics(stats[0], stats[1]);

        Path work = Files.createTempDirectory("ravdess-gru-train");
        double bestUar = -1;
        int bestEpoch = -1;
        try (Model model = Model.newInstance(config.name(), Device.cpu(), "PyTorch")) {
            model.setBlock(VoiceNet.build(config));
            // A fixed epoch makes every save overwrite <name>-0000.params instead of adding a file.
            model.setProperty("Epoch", "0");
            DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.cosine().setBaseValue(learningRate)
                            .optFinalValue(learningRate / 30).setMaxUpdates(epochs * (train.size() / batchSize)).build())
                            .optWeightDecays(1e-4f).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(tc);
                 Predictor<float[][], float[]> predictor = model.newPredictor(new VoiceTranslator())) {
                trainer.initialize(new Shape(batchSize, config.windowFrames(), features.windowDimension()));
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    double loss = trainEpoch(trainer, train, config);
                    ConfusionMatrix vm = evaluate(predictor, val, config);
                    System.out.printf(Locale.ROOT, "epoch %2d  loss %.3f  validation accuracy %.3f UAR %.3f  (%.0f s)%n",
                            epoch, loss, vm.accuracy(), vm.unweightedAverageRecall(), (System.nanoTime() - t0) / 1e9);
                    if (vm.unweightedAverageRecall() > bestUar) {
                        bestUar = vm.unweightedAverageRecall();
                        bestEpoch = epoch;
                        model.save(work, config.name());
                    }
                }
                model.load(work, config.name());
                ConfusionMatrix tm = evaluate(predictor, test, config);
                System.out.printf(Locale.ROOT, "best epoch %d (validation UAR %.3f); test actors 19-20: accuracy %.3f UAR %.3f over %d clips%n%s",
                        bestEpoch, bestUar, tm.accuracy(), tm.unweightedAverageRecall(), tm.total(), tm.format());
                Map<String, Object> info = new LinkedHashMap<>();
                info.put("data", "RAVDESS speech, 16 kHz copy, actors 01-20 (CC BY-NC-SA 4.0)");
                info.put("split", "train actors 01-16, validation 17-18 (epoch selection), test 19-20");
                info.put("augmentation", "random 2 s crops; clean, telephone band (8 kHz), white noise at 15-30 dB SNR"
                        + (perturb ? ", speed 0.9 and 1.1" : ""));
                info.put("cepstralMeanNormalization", cmn);
                info.put("seed", seed);
                info.put("epochs", epochs);
                info.put("learningRate", learningRate + " (Adam, cosine decay to 1/30)");
                info.put("bestEpoch", bestEpoch);
                info.put("validationUar", round(bestUar));
                info.put("testClipAccuracy", round(tm.accuracy()));
                info.put("testClipUar", round(tm.unweightedAverageRecall()));
                config = config.withTraining(info);
            }
        }
        writeModel(work, out, config);
        System.out.printf(Locale.ROOT, "wrote %s in %.0f s%n", out, (System.nanoTime() - t0) / 1e9);
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    private List<Example> load(List<RavdessClip> clips, boolean augment) {
        List<Example> out = new ArrayList<>();
        for (RavdessClip c : clips) {
            float[] x = ClipFeatures.loadMono(c, features.sampleRate());
            List<List<FrameFeatures>> v = new ArrayList<>();
            v.add(ClipFeatures.frames(features, x));
            if (augment) {
                v.add(ClipFeatures.frames(features, ClipFeatures.telephone(x, features.sampleRate())));
                v.add(ClipFeatures.frames(features, ClipFeatures.noisy(x, features.sampleRate(), 15 + 15 * random.nextDouble(), random)));
                if (perturb) {
                    // Speed perturbation: pitch and formants move together, as between speakers.
                    for (double f : new double[] {0.9, 1.1}) {
                        v.add(ClipFeatures.frames(features, ClipFeatures.resample(x, features.sampleRate(),
                                (int) Math.round(features.sampleRate() * f))));
                    }
                }
            }
            if (v.get(0).size() >= 25) {
                out.add(new Example(v, c.label()));
            }
        }
        return out;
    }

    private float[][] statistics(List<Example> train, VoiceModelConfig c) {
        int d = features.windowDimension();
        double[] sum = new double[d];
        double[] sq = new double[d];
        long n = 0;
        for (Example e : train) {
            for (List<FrameFeatures> version : e.versions()) {
                for (float[] row : WindowFeatures.build(features, version, c.cepstralMeanNormalization(), null, null)) {
                    for (int i = 0; i < d; i++) {
                        sum[i] += row[i];
                        sq[i] += row[i] * (double) row[i];
                    }
                    n++;
                }
            }
        }
        float[] mean = new float[d];
        float[] std = new float[d];
        for (int i = 0; i < d; i++) {
            mean[i] = (float) (sum[i] / n);
            std[i] = (float) Math.max(1e-3, Math.sqrt(Math.max(0, sq[i] / n - mean[i] * (double) mean[i])));
        }
        return new float[][] {mean, std};
    }

    private float[][] crop(List<FrameFeatures> frames, VoiceModelConfig c) {
        int w = Math.min(c.windowFrames(), frames.size() - frames.size() % c.stack());
        int off = frames.size() > w ? random.nextInt(frames.size() - w + 1) : 0;
        return c.windowInput(frames.subList(off, off + w));
    }

    private double trainEpoch(Trainer trainer, List<Example> train, VoiceModelConfig c) {
        List<Example> order = new ArrayList<>(train);
        java.util.Collections.shuffle(order, random);
        double lossSum = 0;
        int batches = 0;
        int w = c.windowFrames();
        int d = features.windowDimension();
        for (int b = 0; b + batchSize <= order.size(); b += batchSize) {
            float[] x = new float[batchSize * w * d];
            float[] y = new float[batchSize];
            for (int i = 0; i < batchSize; i++) {
                Example e = order.get(b + i);
                float[][] m = crop(e.versions().get(random.nextInt(e.versions().size())), c);
                for (int t = 0; t < w; t++) {
                    System.arraycopy(m[Math.min(t, m.length - 1)], 0, x, (i * w + t) * d, d);
                }
                y[i] = e.label();
            }
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray xs = m.create(x, new Shape(batchSize, w, d));
                NDArray ys = m.create(y, new Shape(batchSize));
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray pred = trainer.forward(new NDList(xs)).singletonOrThrow();
                    NDArray loss = trainer.getLoss().evaluate(new NDList(ys), new NDList(pred));
                    lossSum += loss.getFloat();
                    gc.backward(loss);
                }
                trainer.step();
            }
            batches++;
        }
        return lossSum / Math.max(1, batches);
    }

    /** Clip-level: the mean of the probabilities of the first and the last window of each clip. */
    static ConfusionMatrix evaluate(Predictor<float[][], float[]> p, List<Example> clips, VoiceModelConfig c)
            throws TranslateException {
        ConfusionMatrix cm = new ConfusionMatrix(c.labels());
        for (Example e : clips) {
            List<FrameFeatures> f = e.versions().get(0);
            int w = Math.min(c.windowFrames(), f.size() - f.size() % c.stack());
            List<float[][]> windows = List.of(
                    c.windowInput(f.subList(0, w)),
                    c.windowInput(f.subList(f.size() - w, f.size())));
            List<float[]> probs = p.batchPredict(windows);
            int best = 0;
            float bestScore = -1;
            for (int k = 0; k < c.labels().size(); k++) {
                float s = probs.get(0)[k] + probs.get(1)[k];
                if (s > bestScore) {
                    bestScore = s;
                    best = k;
                }
            }
            cm.add(e.label(), best);
        }
        return cm;
    }

    private static void writeModel(Path work, Path out, VoiceModelConfig config) throws IOException {
        Files.createDirectories(out);
        String params = config.name() + "-0000.params";
        Files.copy(work.resolve(params), out.resolve(params), StandardCopyOption.REPLACE_EXISTING);
        config.write(out.resolve(VoiceModelConfig.FILE_NAME));
        Path mapping = out.resolve(VoiceModel.LABEL_MAPPING_FILE);
        if (!Files.exists(mapping)) {
            try (InputStream in = TrainVoiceModel.class.getResourceAsStream("/" + VoiceModel.BUNDLED + "/" + VoiceModel.LABEL_MAPPING_FILE)) {
                Files.copy(in, mapping);
            }
        }
        String paramsSha = ModelManifest.sha256(out.resolve(params));
        Files.writeString(out.resolve("NOTICE"), notice(config, params, paramsSha), StandardCharsets.UTF_8);
        StringBuilder sums = new StringBuilder();
        for (String f : List.of(params, VoiceModelConfig.FILE_NAME, VoiceModel.LABEL_MAPPING_FILE, "NOTICE")) {
            sums.append(ModelManifest.sha256(out.resolve(f))).append("  ").append(f).append('\n');
        }
        Files.writeString(out.resolve(ModelManifest.FILE_NAME), sums.toString(), StandardCharsets.UTF_8);
    }

    private static String notice(VoiceModelConfig c, String params, String sha) {
        return "EmoSpectrum voice model " + c.name() + " " + c.version() + "\n\n"
                + "Files: " + params + " (DJL parameters, SHA-256 " + sha + "), " + VoiceModelConfig.FILE_NAME
                + " (settings and feature statistics), " + VoiceModel.LABEL_MAPPING_FILE + ".\n"
                + "Made by: io.emospectrum.audio.train.TrainVoiceModel (scripts/audio-model.sh train), DJL "
                + ai.djl.engine.Engine.getDjlVersion() + ", PyTorch engine, seed " + c.training().get("seed") + ".\n\n"
                + "Trained on: The Ryerson Audio-Visual Database of Emotional Speech and Song (RAVDESS),\n"
                + "Livingstone SR, Russo FA (2018), PLoS ONE 13(5): e0196391, https://doi.org/10.1371/journal.pone.0196391,\n"
                + "speech clips of actors 01-16 (actors 17-18 for epoch selection, 19-20 held out for testing).\n\n"
                + "Licence: RAVDESS is licensed under Creative Commons Attribution-NonCommercial-ShareAlike 4.0\n"
                + "International (CC BY-NC-SA 4.0), https://creativecommons.org/licenses/by-nc-sa/4.0/.\n"
                + "These weights are derived from it and are distributed under the same terms:\n"
                + "  - NonCommercial: you may not use them for commercial purposes;\n"
                + "  - ShareAlike: adaptations must be distributed under CC BY-NC-SA 4.0;\n"
                + "  - Attribution: credit RAVDESS (citation above) and indicate changes.\n"
                + "For commercial use, train the model on data licensed for it (same command, --data DIR)\n"
                + "or bring your own model through ExtractorOptions.model(...).\n";
    }
}
