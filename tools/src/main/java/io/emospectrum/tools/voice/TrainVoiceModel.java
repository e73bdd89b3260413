package io.emospectrum.tools.voice;

import io.emospectrum.tools.eval.ConfusionMatrix;
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
import java.util.Set;

/**
 * The {@code train} command: rebuilds the bundled voice model from RAVDESS with a speaker-independent
 * split (by default train actors 01-16, validate 17-18, test 19-20), keeps the epoch with the best
 * validation unweighted average recall (or the last epoch without validation actors), reports the
 * test figures and writes the model directory (weights, settings, label mapping, NOTICE, SHA256SUMS).
 *
 * <p>With {@code --folds N} it cross-validates the recipe instead and writes nothing: the actors of
 * {@code --cv-actors} (default 01-20) are cut into N folds of consecutive actors; each fold is tested
 * once by a net trained on the other folds (never an actor on both sides), and the per-fold and mean
 * figures are printed. Recipes are chosen by that mean, not by one pair of test actors.
 *
 * <pre>emospectrum-tools train voice [--data DIR] [--out DIR] [--epochs N] [--seed N] [--hidden N] [--layers N] [--lr X] [--cmn true] [--perturb true]
 *       [--train-actors 1-16] [--validation-actors 17-18] [--test-actors 19-20] [--members N] [--mfcc 20] [--stack 2]
 *       [--mixup ALPHA] [--specaugment true] [--smoothing X] [--relative-pitch true] [--speeds 0.9,1.1] [--branches 1] [--dropout 0.3] [--folds 5] [--cv-actors 1-20] [--inner-validation 0]</pre>
 */
public final class TrainVoiceModel {
    private final Recipe recipe;
    private final FeatureConfig features;
    private final Random random;
    private final int batchSize = 32;

    /**
     * How a model is trained; every field is a flag of the command.
     *
     * @param mixup       alpha of mixup's Beta(alpha, alpha) mixing weight; 0 turns it off
     * @param specAugment mask random time spans and a random band of cepstral coefficients in training windows
     * @param smoothing   label smoothing: this much probability is spread over all labels
     * @param speeds      speed factors of the perturbed copies (with {@code perturb})
     * @param branches    independent nets trained side by side in one block (see {@link VoiceModelConfig#branches()})
     */
    record Recipe(long seed, int epochs, int hidden, int layers, float learningRate, boolean cmn, boolean perturb,
                  int members, int mfcc, int stack, float mixup, boolean specAugment, float smoothing, boolean relativePitch,
                  List<Double> speeds, int branches, float dropout) {
    }

    TrainVoiceModel(Recipe recipe) {
        this.recipe = recipe;
        FeatureConfig d = FeatureConfig.DEFAULT;
        this.features = new FeatureConfig(d.sampleRate(), d.frameSize(), d.hop(), recipe.mfcc(), Math.max(d.melFilters(), recipe.mfcc()),
                d.lowHz(), d.highHz());
        this.random = new Random(recipe.seed());
    }


    private record Example(List<List<FrameFeatures>> versions, int label, int actor) {
    }

    /** Trained members (closed with it) and the settings they were trained with. */
    private record Trained(VoiceModelConfig config, List<Model> models, List<Predictor<float[][], float[]>> predictors,
                           List<String> names, List<String> kept) implements AutoCloseable {
        @Override
        public void close() {
            predictors.forEach(Predictor::close);
            models.forEach(Model::close);
        }
    }

    void run(Path data, Path out, Set<Integer> trainActors, Set<Integer> valActors, Set<Integer> testActors) throws Exception {
        long t0 = System.nanoTime();
        Engine.getEngine("PyTorch").setRandomSeed((int) recipe.seed());
        List<Example> train = load(RavdessCorpus.clips(data, trainActors), true);
        List<Example> val = load(RavdessCorpus.clips(data, valActors), false);
        List<Example> test = load(RavdessCorpus.clips(data, testActors), false);
        System.out.printf(Locale.ROOT, "features: %d train, %d validation, %d test clips in %.0f s%n",
                train.size(), val.size(), test.size(), (System.nanoTime() - t0) / 1e9);
        Path work = Files.createTempDirectory("ravdess-gru-train");
        VoiceModelConfig config;
        try (Trained trained = fit(train, val, work, t0)) {
            ConfusionMatrix tm = evaluate(trained.predictors(), test, trained.config());
            System.out.printf(Locale.ROOT, "%d member(s) %s; test actors %s: accuracy %.3f UAR %.3f over %d clips%n%s",
                    recipe.members(), trained.kept(), testActors, tm.accuracy(), tm.unweightedAverageRecall(), tm.total(), tm.format());
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("data", "RAVDESS speech, 16 kHz copy, actors 01-20 (CC BY-NC-SA 4.0)");
            info.put("split", "train actors " + trainActors + ", validation " + valActors
                    + (val.isEmpty() ? " (none: last epoch kept)" : " (epoch selection)") + ", test " + testActors);
            info.put("augmentation", "random 2 s crops; clean, telephone band (8 kHz), white noise at 15-30 dB SNR"
                    + (recipe.perturb() ? ", speed " + recipe.speeds() : "")
                    + (recipe.specAugment() ? "; time and cepstral-band masks" : "")
                    + (recipe.mixup() > 0 ? "; mixup alpha " + recipe.mixup() : ""));
            info.put("recipe", recipe.toString());
            info.put("cepstralMeanNormalization", recipe.cmn());
            info.put("members", trained.kept());
            info.put("epochs", recipe.epochs());
            info.put("learningRate", recipe.learningRate() + " (Adam, cosine decay to 1/30)");
            info.put("testClipAccuracy", round(tm.accuracy()));
            info.put("testClipUar", round(tm.unweightedAverageRecall()));
            config = trained.config().withMembers(trained.names()).withTraining(info);
        }
        writeModel(work, out, config);
        deleteWork(work);
        System.out.printf(Locale.ROOT, "wrote %s in %.0f s%n", out, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Leave-actors-out cross-validation: fold k tests its actors with a net trained on all other
     * actors (less {@code innerValidation} actors of the next fold, held out for epoch selection).
     */
    void crossValidate(Path data, Set<Integer> actorSet, int folds, int innerValidation) throws Exception {
        long t0 = System.nanoTime();
        List<ActorFold> split = ActorFold.split(actorSet, folds, innerValidation);
        List<Integer> actors = new ArrayList<>(actorSet);
        List<Example> all = load(RavdessCorpus.clips(data, actorSet), true);
        System.out.printf(Locale.ROOT, "features: %d clips of actors %s in %.0f s%n", all.size(), actors, (System.nanoTime() - t0) / 1e9);
        ConfusionMatrix pooled = new ConfusionMatrix(RavdessCorpus.LABELS);
        double[] acc = new double[folds];
        double[] uar = new double[folds];
        StringBuilder table = new StringBuilder();
        Path work = Files.createTempDirectory("ravdess-gru-cv");
        for (int k = 0; k < folds; k++) {
            Set<Integer> test = split.get(k).test();
            Set<Integer> val = split.get(k).validation();
            Set<Integer> trainActors = split.get(k).train();
            List<Example> trainEx = all.stream().filter(e -> trainActors.contains(e.actor())).toList();
            List<Example> valEx = all.stream().filter(e -> val.contains(e.actor())).toList();
            List<Example> testEx = all.stream().filter(e -> test.contains(e.actor())).toList();
            // Every fold starts from the same seed: the folds differ by their data only.
            random.setSeed(recipe.seed());
            try (Trained trained = fit(trainEx, valEx, work, t0)) {
                ConfusionMatrix cm = evaluate(trained.predictors(), testEx, trained.config());
                acc[k] = cm.accuracy();
                uar[k] = cm.unweightedAverageRecall();
                pooled.addAll(cm);
                String line = String.format(Locale.ROOT, "fold %d: test actors %s, validation %s, %d train clips, kept %s: "
                        + "accuracy %.3f UAR %.3f over %d clips (%.0f s)", k + 1, new java.util.TreeSet<>(test),
                        new java.util.TreeSet<>(val), trainEx.size(), trained.kept(), acc[k], uar[k], cm.total(),
                        (System.nanoTime() - t0) / 1e9);
                System.out.println(line);
                table.append(line).append('\n');
            }
        }
        deleteWork(work);
        System.out.printf(Locale.ROOT, "%n%scross-validation (%d folds, %s): accuracy mean %.3f (sd %.3f), UAR mean %.3f; pooled "
                        + "accuracy %.3f over %d clips (%.0f s)%n%s",
                table, folds, recipe, mean(acc), sd(acc), mean(uar), pooled.accuracy(), pooled.total(),
                (System.nanoTime() - t0) / 1e9, pooled.format());
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double sd(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / Math.max(1, x.length - 1));
    }

    private static void deleteWork(Path work) throws IOException {
        try (var files = Files.list(work)) {
            for (Path f : files.toList()) {
                Files.delete(f); // the per-epoch checkpoints are copied out; leave nothing in the temp dir
            }
        }
        Files.delete(work);
    }

    /** Trains the recipe's members on {@code train}; the statistics are the training set's. */
    private Trained fit(List<Example> train, List<Example> val, Path work, long t0) throws Exception {
        VoiceModelConfig config = new VoiceModelConfig("ravdess-gru", "1.1.0", RavdessCorpus.LABELS, features,
                100, 25, recipe.stack(), 128, recipe.hidden(), recipe.layers(), false, recipe.dropout(), recipe.cmn(),
                recipe.relativePitch(), null, null, null, null, recipe.branches(), 1f);
        float[][] stats = statistics(train, config);
        config = config.withStatistics(stats[0], stats[1]);
        List<Model> models = new ArrayList<>();
        List<Predictor<float[][], float[]>> predictors = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        Trained trained = new Trained(config, models, predictors, names, kept);
        try {
            for (int member = 0; member < recipe.members(); member++) {
                String name = member == 0 ? config.name() : config.name() + "-m" + member;
                long memberSeed = recipe.seed() + member;
                Engine.getEngine("PyTorch").setRandomSeed((int) memberSeed);
                random.setSeed(memberSeed);
                Model model = Model.newInstance(name, Device.cpu(), "PyTorch");
                models.add(model);
                model.setBlock(VoiceNet.build(config));
                // A fixed epoch makes every save overwrite <name>-0000.params instead of adding a file.
                model.setProperty("Epoch", "0");
                int best = trainMember(model, name, work, train, val, config, t0);
                model.load(work, name);
                predictors.add(model.newPredictor(new VoiceTranslator()));
                names.add(name);
                kept.add(name + ": seed " + memberSeed + ", epoch " + best);
            }
            return trained;
        } catch (Exception | Error e) {
            trained.close();
            throw e;
        }
    }

    /** Trains one net; returns the epoch kept (best validation UAR, or the last without validation). */
    private int trainMember(Model model, String name, Path work, List<Example> train, List<Example> val,
                            VoiceModelConfig config, long t0) throws Exception {
        float lr = recipe.learningRate();
        // The config's loss is nominal: trainEpoch computes the cross-entropy on soft labels (one-hot,
        // smoothed, mixed) itself, per branch when the net has several.
        Loss loss = new ai.djl.training.loss.SoftmaxCrossEntropyLoss("SoftmaxCrossEntropyLoss", 1, -1, false, true);
        DefaultTrainingConfig tc = new DefaultTrainingConfig(loss)
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.cosine().setBaseValue(lr)
                        .optFinalValue(lr / 30).setMaxUpdates(recipe.epochs() * (train.size() / batchSize)).build())
                        .optWeightDecays(1e-4f).build())
                .optDevices(new Device[] {Device.cpu()});
        double bestUar = -1;
        int bestEpoch = -1;
        try (Trainer trainer = model.newTrainer(tc);
             Predictor<float[][], float[]> predictor = model.newPredictor(new VoiceTranslator())) {
            trainer.initialize(new Shape(batchSize, config.windowFrames(), features.windowDimension()));
            for (int epoch = 1; epoch <= recipe.epochs(); epoch++) {
                double epochLoss = trainEpoch(trainer, train, config);
                // Without validation actors the last epoch is kept (a recipe chosen by cross-validation).
                ConfusionMatrix vm = val.isEmpty() ? null : evaluate(List.of(predictor), val, config);
                if (vm != null || epoch == recipe.epochs()) {
                    System.out.printf(Locale.ROOT, "%s epoch %2d  loss %.3f  validation accuracy %.3f UAR %.3f  (%.0f s)%n",
                            name, epoch, epochLoss, vm == null ? Double.NaN : vm.accuracy(),
                            vm == null ? Double.NaN : vm.unweightedAverageRecall(), (System.nanoTime() - t0) / 1e9);
                }
                double uar = vm == null ? epoch : vm.unweightedAverageRecall();
                if (uar > bestUar) {
                    bestUar = uar;
                    bestEpoch = epoch;
                    model.save(work, name);
                }
            }
        }
        return bestEpoch;
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
                if (recipe.perturb()) {
                    // Speed perturbation: pitch and formants move together, as between speakers.
                    for (double f : recipe.speeds()) {
                        v.add(ClipFeatures.frames(features, ClipFeatures.resample(x, features.sampleRate(),
                                (int) Math.round(features.sampleRate() * f))));
                    }
                }
            }
            if (v.get(0).size() >= 25) {
                out.add(new Example(v, c.label(), c.actor()));
            }
        }
        return out;
    }

    private float[][] statistics(List<Example> train, VoiceModelConfig c) {
        FeatureStatistics stats = new FeatureStatistics(features.windowDimension());
        for (Example e : train) {
            for (List<FrameFeatures> version : e.versions()) {
                for (float[] row : WindowFeatures.build(features, version, c.cepstralMeanNormalization(), c.relativePitch(), null, null)) {
                    stats.add(row);
                }
            }
        }
        return stats.meanAndStd();
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
        int labels = c.labels().size();
        for (int b = 0; b + batchSize <= order.size(); b += batchSize) {
            float[][][] xs = new float[batchSize][][];
            float[][] ys = new float[batchSize][labels];
            for (int i = 0; i < batchSize; i++) {
                Example e = order.get(b + i);
                float[][] m = crop(e.versions().get(random.nextInt(e.versions().size())), c);
                if (recipe.specAugment()) {
                    mask(m);
                }
                xs[i] = m;
                for (int k = 0; k < labels; k++) {
                    ys[i][k] = recipe.smoothing() / labels + (k == e.label() ? 1 - recipe.smoothing() : 0);
                }
            }
            float[] x = new float[batchSize * w * d];
            float[] y = new float[batchSize * labels];
            // Mixup: each example blended with another of the batch, labels in the same proportion.
            float lambda = recipe.mixup() > 0 ? (float) beta(recipe.mixup()) : 1f;
            int[] partner = new int[batchSize];
            for (int i = 0; i < batchSize; i++) {
                partner[i] = lambda < 1f ? random.nextInt(batchSize) : i;
            }
            for (int i = 0; i < batchSize; i++) {
                float[][] m = xs[i];
                float[][] o = xs[partner[i]];
                for (int t = 0; t < w; t++) {
                    float[] row = m[Math.min(t, m.length - 1)];
                    float[] other = o[Math.min(t, o.length - 1)];
                    int base = (i * w + t) * d;
                    for (int j = 0; j < d; j++) {
                        x[base + j] = lambda * row[j] + (1 - lambda) * other[j];
                    }
                }
                for (int k = 0; k < labels; k++) {
                    y[i * labels + k] = lambda * ys[i][k] + (1 - lambda) * ys[partner[i]][k];
                }
            }
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray xa = m.create(x, new Shape(batchSize, w, d));
                NDArray ya = m.create(y, new Shape(batchSize, labels));
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray pred = trainer.forward(new NDList(xa)).singletonOrThrow();
                    // Cross-entropy with soft labels; with branches each branch is scored on the same labels.
                    NDArray labelsFor = pred.getShape().dimension() == 3 ? ya.expandDims(1) : ya;
                    NDArray loss = pred.logSoftmax(-1).mul(labelsFor).sum(new int[] {-1}).neg().mean();
                    lossSum += loss.getFloat();
                    gc.backward(loss);
                }
                trainer.step();
            }
            batches++;
        }
        return lossSum / Math.max(1, batches);
    }

    /**
     * SpecAugment-style masks on a normalized window (0 is the training mean): two time spans of up
     * to 10 frames, and one band of up to 4 cepstral coefficients with their deltas.
     */
    private void mask(float[][] m) {
        int n = m.length;
        int raw = features.rawDimension();
        for (int r = 0; r < 2; r++) {
            int len = random.nextInt(11);
            int start = random.nextInt(Math.max(1, n - len));
            for (int t = start; t < Math.min(n, start + len); t++) {
                java.util.Arrays.fill(m[t], 0f);
            }
        }
        int cepstra = features.mfccCount() - 1;
        int width = random.nextInt(5);
        int first = random.nextInt(Math.max(1, cepstra - width));
        for (float[] row : m) {
            for (int j = first; j < Math.min(cepstra, first + width); j++) {
                row[j] = 0f;
                row[raw + j] = 0f;
            }
        }
    }

    /** A Beta(a, a) draw from two Gamma(a) draws. */
    private double beta(double a) {
        double x = gamma(a);
        double y = gamma(a);
        return x / (x + y);
    }

    /** Marsaglia-Tsang; for a < 1 boosted by U^(1/a). */
    private double gamma(double a) {
        if (a < 1) {
            return gamma(a + 1) * Math.pow(random.nextDouble(), 1 / a);
        }
        double d = a - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = random.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    /** Clip-level: the mean of the probabilities of the first and the last window of each clip. */
    static ConfusionMatrix evaluate(List<Predictor<float[][], float[]>> members, List<Example> clips, VoiceModelConfig c)
            throws TranslateException {
        ConfusionMatrix cm = new ConfusionMatrix(c.labels());
        for (Example e : clips) {
            List<FrameFeatures> f = e.versions().get(0);
            int w = Math.min(c.windowFrames(), f.size() - f.size() % c.stack());
            List<float[][]> windows = List.of(
                    c.windowInput(f.subList(0, w)),
                    c.windowInput(f.subList(f.size() - w, f.size())));
            float[] sum = new float[c.labels().size()];
            for (Predictor<float[][], float[]> p : members) {
                for (float[] probs : p.batchPredict(windows)) {
                    for (int k = 0; k < sum.length; k++) {
                        sum[k] += probs[k];
                    }
                }
            }
            int best = 0;
            float bestScore = -1;
            for (int k = 0; k < c.labels().size(); k++) {
                float s = sum[k];
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
        try (var old = Files.newDirectoryStream(out, "*.params")) {
            for (Path p : old) {
                Files.delete(p); // a model with fewer members leaves no stale weights behind
            }
        }
        List<String> params = new ArrayList<>();
        for (String member : config.members()) {
            String file = member + "-0000.params";
            Files.copy(work.resolve(file), out.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            params.add(file);
        }
        config.write(out.resolve(VoiceModelConfig.FILE_NAME));
        Path mapping = out.resolve(VoiceModel.LABEL_MAPPING_FILE);
        if (!Files.exists(mapping)) {
            try (InputStream in = TrainVoiceModel.class.getResourceAsStream("/" + VoiceModel.RAVDESS_GRU + "/" + VoiceModel.LABEL_MAPPING_FILE)) {
                Files.copy(in, mapping);
            }
        }
        StringBuilder weights = new StringBuilder();
        for (String f : params) {
            weights.append(f).append(" (SHA-256 ").append(ModelManifest.sha256(out.resolve(f))).append("), ");
        }
        Files.writeString(out.resolve("NOTICE"), notice(config, weights.toString()), StandardCharsets.UTF_8);
        StringBuilder sums = new StringBuilder();
        List<String> listed = new ArrayList<>(params);
        listed.addAll(List.of(VoiceModelConfig.FILE_NAME, VoiceModel.LABEL_MAPPING_FILE, "NOTICE"));
        for (String f : listed) {
            sums.append(ModelManifest.sha256(out.resolve(f))).append("  ").append(f).append('\n');
        }
        Files.writeString(out.resolve(ModelManifest.FILE_NAME), sums.toString(), StandardCharsets.UTF_8);
    }

    private static String notice(VoiceModelConfig c, String weights) {
        return "EmoSpectrum voice model " + c.name() + " " + c.version() + "\n\n"
                + "Files: DJL parameters " + weights + VoiceModelConfig.FILE_NAME
                + " (settings and feature statistics), " + VoiceModel.LABEL_MAPPING_FILE + ".\n"
                + "Made by: io.emospectrum.tools.voice.TrainVoiceModel (emospectrum-tools train voice), DJL "
                + ai.djl.engine.Engine.getDjlVersion() + ", PyTorch engine; members and seeds: " + c.training().get("members") + ".\n\n"
                + "Trained on: The Ryerson Audio-Visual Database of Emotional Speech and Song (RAVDESS),\n"
                + "Livingstone SR, Russo FA (2018), PLoS ONE 13(5): e0196391, https://doi.org/10.1371/journal.pone.0196391,\n"
                + "speech clips; split: " + c.training().get("split") + ".\n\n"
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
