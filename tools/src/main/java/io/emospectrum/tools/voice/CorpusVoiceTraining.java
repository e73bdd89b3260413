package io.emospectrum.tools.voice;

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
import io.emospectrum.audio.features.VoiceActivity;
import io.emospectrum.audio.features.WindowFeatures;
import io.emospectrum.audio.model.VoiceModel;
import io.emospectrum.audio.model.VoiceModelConfig;
import io.emospectrum.audio.model.VoiceNet;
import io.emospectrum.audio.model.VoiceTranslator;
import io.emospectrum.model.ModelManifest;
import io.emospectrum.tools.text.CalibrationMetrics;

import java.io.IOException;
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
 * Trains the voice net on several corpora at once and measures it the way the extractor reads a
 * file: 2 s windows every 0.5 s (a shorter clip is one window), windows with too little speech not
 * scored, window confidence = probability of the top category x voice-activity reliability, the
 * file's summary the confidence-weighted mean. Measured on cached frame features, so that a
 * leave-one-corpus-out run costs training time only.
 *
 * <p>Each training batch draws its corpus first (weight: size to the power {@code corpusPower}; 0 gives
 * every corpus the same share, so that no corpus drowns the others), then a clip, then one of the
 * clip's channel versions ({@link CorpusFeatures}).
 */
public final class CorpusVoiceTraining {
    static final int BATCH = 32;
    private final Recipe recipe;
    private final FeatureConfig features = FeatureConfig.DEFAULT;
    private final CorpusFeatures store = new CorpusFeatures(features);
    private final Random random;

    /**
     * @param steps       batches per epoch
     * @param augment     train on the telephone and random-channel versions too (else the clean one only)
     * @param corpusPower corpus sampling weight = clips^power (0: equal shares, 1: as the data comes)
     * @param cmn         per-window cepstral mean normalization (takes out speaker and channel envelope)
     * @param corpusWeights extra factor on a corpus's sampling weight (absent: 1), e.g. RAVDESS x3 to fit acted English better
     */
    record Recipe(long seed, int epochs, int steps, int hidden, float learningRate, float dropout, boolean augment,
                  double corpusPower, boolean cmn, Map<String, Double> corpusWeights) {
        Recipe {
            corpusWeights = corpusWeights == null ? Map.of() : Map.copyOf(corpusWeights);
        }

        Recipe(long seed, int epochs, int steps, int hidden, float learningRate, float dropout, boolean augment,
               double corpusPower, boolean cmn) {
            this(seed, epochs, steps, hidden, learningRate, dropout, augment, corpusPower, cmn, Map.of());
        }
    }

    /** A model's window probabilities and its labels' categories ({@link SpeechCorpora#LABELS} indices). */
    interface Scorer {
        VoiceModelConfig config();

        List<float[]> predict(List<float[][]> windows);
    }

    /** What the extractor would see of one clip: its scored windows' probabilities and reliabilities. */
    record ClipScore(int truth, String corpus, String speaker, float[][] probs, float[] reliability, int[] labelCategory) {
        /** Summary prediction and confidence at temperature {@code t} (probabilities p become p^(1/t), renormalized). */
        Outcome outcome(double t) {
            int k = SpeechCorpora.LABELS.size();
            if (probs.length == 0) {
                return new Outcome(-1, 0, new double[k]);
            }
            double[] sum = new double[k];
            double weights = 0;
            double confidences = 0;
            for (int w = 0; w < probs.length; w++) {
                double[] c = new double[k];
                double z = 0;
                for (int j = 0; j < probs[w].length; j++) {
                    double v = Math.pow(Math.max(probs[w][j], 1e-12), 1 / t);
                    z += v;
                    c[labelCategory[j]] += v;
                }
                double top = 0;
                for (int j = 0; j < k; j++) {
                    c[j] /= z;
                    top = Math.max(top, c[j]);
                }
                double conf = Math.min(1, top * reliability[w]);
                double weight = Math.max(1e-3, conf);
                for (int j = 0; j < k; j++) {
                    sum[j] += weight * c[j];
                }
                weights += weight;
                confidences += conf;
            }
            int best = 0;
            for (int j = 0; j < k; j++) {
                sum[j] /= weights;
                if (sum[j] > sum[best]) {
                    best = j;
                }
            }
            return new Outcome(best, confidences / probs.length, sum);
        }
    }

    /** @param predicted index into {@link SpeechCorpora#LABELS}, -1 when no window was scored (counted wrong) */
    record Outcome(int predicted, double confidence, double[] categories) {
    }

    /** Accuracy, macro-F1 (over the classes the clips hold), mean confidence and ECE of one set. */
    /** @param auroc whether confidence separates right readings from wrong ones ({@link CalibrationMetrics.Summary#auroc}) */
    record Metrics(int n, double accuracy, double macroF1, double meanConfidence, double ece, double auroc) {
        static Metrics of(List<ClipScore> clips, double t) {
            int k = SpeechCorpora.LABELS.size();
            double[] conf = new double[clips.size()];
            boolean[] hit = new boolean[clips.size()];
            int[] tp = new int[k];
            int[] truth = new int[k];
            int[] pred = new int[k];
            for (int i = 0; i < clips.size(); i++) {
                ClipScore c = clips.get(i);
                Outcome o = c.outcome(t);
                conf[i] = o.confidence();
                hit[i] = o.predicted() == c.truth();
                truth[c.truth()]++;
                if (o.predicted() >= 0) {
                    pred[o.predicted()]++;
                }
                if (hit[i]) {
                    tp[c.truth()]++;
                }
            }
            double f1 = 0;
            int present = 0;
            for (int j = 0; j < k; j++) {
                if (truth[j] > 0) {
                    present++;
                    f1 += tp[j] == 0 ? 0 : 2.0 * tp[j] / (truth[j] + pred[j]);
                }
            }
            CalibrationMetrics.Summary s = CalibrationMetrics.summarize(conf, hit);
            return new Metrics(clips.size(), s.accuracy(), present == 0 ? 0 : f1 / present, s.meanConfidence(), s.ece(), s.auroc());
        }

        String row() {
            return String.format(Locale.ROOT, "%5d | %.3f | %.3f | %.3f | %.3f", n, accuracy, macroF1, meanConfidence, ece);
        }
    }

    CorpusVoiceTraining(Recipe recipe) {
        this.recipe = recipe;
        this.random = new Random(recipe.seed());
    }

    Recipe recipe() {
        return recipe;
    }

    CorpusFeatures store() {
        return store;
    }

    /** A trained net, ready to score; closing it frees the native memory. */
    final class Trained implements Scorer, AutoCloseable {
        private final Model model;
        private final Predictor<float[][], float[]> predictor;
        private final VoiceModelConfig config;
        private final Path work;

        Trained(Model model, VoiceModelConfig config, Path work) {
            this.model = model;
            this.config = config;
            this.work = work;
            this.predictor = model.newPredictor(new VoiceTranslator());
        }

        @Override
        public VoiceModelConfig config() {
            return config;
        }

        @Override
        public List<float[]> predict(List<float[][]> windows) {
            try {
                return predictor.batchPredict(windows);
            } catch (TranslateException e) {
                throw new IllegalStateException(e);
            }
        }

        Path work() {
            return work;
        }

        @Override
        public void close() {
            predictor.close();
            model.close();
        }
    }

    /** A shipped or saved model directory as a scorer. */
    static Scorer of(VoiceModel model) {
        return new Scorer() {
            @Override
            public VoiceModelConfig config() {
                return model.config();
            }

            @Override
            public List<float[]> predict(List<float[][]> windows) {
                return model.predict(windows);
            }
        };
    }

    /** Trains one net on {@code train} (all of it: the schedule is fixed, chosen by cross-validation). */
    Trained fit(List<CorpusFeatures.Item> train, String name, String version) throws Exception {
        long t0 = System.nanoTime();
        Engine.getEngine("PyTorch").setRandomSeed((int) recipe.seed());
        random.setSeed(recipe.seed());
        VoiceModelConfig config = new VoiceModelConfig(name, version, SpeechCorpora.LABELS, features, 100, 25, 2, 128,
                recipe.hidden(), 1, false, recipe.dropout(), recipe.cmn(), true, null, null, null, null, 1, 1f);
        float[][] stats = statistics(train, config);
        config = config.withStatistics(stats[0], stats[1]);
        Map<String, List<CorpusFeatures.Item>> byCorpus = new LinkedHashMap<>();
        for (CorpusFeatures.Item it : train) {
            byCorpus.computeIfAbsent(it.clip().corpus(), c -> new ArrayList<>()).add(it);
        }
        List<List<CorpusFeatures.Item>> pools = new ArrayList<>(byCorpus.values());
        List<String> corpora = new ArrayList<>(byCorpus.keySet());
        double[] cumulative = new double[pools.size()];
        double total = 0;
        for (int i = 0; i < pools.size(); i++) {
            total += Math.pow(pools.get(i).size(), recipe.corpusPower()) * recipe.corpusWeights().getOrDefault(corpora.get(i), 1.0);
            cumulative[i] = total;
        }
        Model model = Model.newInstance(name, Device.cpu(), "PyTorch");
        Path work = Files.createTempDirectory("voice-corpora");
        try {
            model.setBlock(VoiceNet.build(config));
            model.setProperty("Epoch", "0");
            float lr = recipe.learningRate();
            Loss loss = new ai.djl.training.loss.SoftmaxCrossEntropyLoss("SoftmaxCrossEntropyLoss", 1, -1, false, true);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.cosine().setBaseValue(lr)
                            .optFinalValue(lr / 30).setMaxUpdates(recipe.epochs() * recipe.steps()).build())
                            .optWeightDecays(1e-4f).build())
                    .optDevices(new Device[] {Device.cpu()});
            int labels = SpeechCorpora.LABELS.size();
            int d = features.windowDimension();
            try (Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(new Shape(BATCH, config.windowFrames(), d));
                for (int epoch = 1; epoch <= recipe.epochs(); epoch++) {
                    double lossSum = 0;
                    for (int step = 0; step < recipe.steps(); step++) {
                        CorpusFeatures.Item[] batch = new CorpusFeatures.Item[BATCH];
                        float[][] chosen = new float[BATCH][];
                        int w = config.windowFrames();
                        for (int i = 0; i < BATCH; i++) {
                            double r = random.nextDouble() * total;
                            int p = 0;
                            while (cumulative[p] < r) {
                                p++;
                            }
                            List<CorpusFeatures.Item> pool = pools.get(p);
                            batch[i] = pool.get(random.nextInt(pool.size()));
                            chosen[i] = batch[i].versions()[recipe.augment() ? random.nextInt(CorpusFeatures.VERSIONS) : 0];
                            int usable = store.frames(chosen[i]);
                            w = Math.min(w, usable - usable % config.stack());
                        }
                        // A batch shares one length: the shortest clip's (a short clip is one short window in use too).
                        float[] x = new float[BATCH * w * d];
                        float[] y = new float[BATCH * labels];
                        for (int i = 0; i < BATCH; i++) {
                            int n = store.frames(chosen[i]);
                            int off = n > w ? random.nextInt(n - w + 1) : 0;
                            float[][] m = config.windowInput(store.unpack(chosen[i], off, off + w));
                            for (int t = 0; t < w; t++) {
                                System.arraycopy(m[t], 0, x, (i * w + t) * d, d);
                            }
                            y[i * labels + batch[i].clip().label()] = 1f;
                        }
                        try (NDManager m = trainer.getManager().newSubManager()) {
                            NDArray xa = m.create(x, new Shape(BATCH, w, d));
                            NDArray ya = m.create(y, new Shape(BATCH, labels));
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray pred = trainer.forward(new NDList(xa)).singletonOrThrow();
                                NDArray l = pred.logSoftmax(-1).mul(ya).sum(new int[] {-1}).neg().mean();
                                lossSum += l.getFloat();
                                gc.backward(l);
                            }
                            trainer.step();
                        }
                    }
                    if (epoch % 5 == 0 || epoch == recipe.epochs()) {
                        System.out.printf(Locale.ROOT, "  epoch %2d loss %.3f (%.0f s)%n", epoch, lossSum / recipe.steps(),
                                (System.nanoTime() - t0) / 1e9);
                    }
                }
            }
            model.save(work, name);
            return new Trained(model, config, work);
        } catch (Exception | Error e) {
            model.close();
            throw e;
        }
    }

    private float[][] statistics(List<CorpusFeatures.Item> train, VoiceModelConfig c) {
        FeatureStatistics stats = new FeatureStatistics(features.windowDimension());
        Random r = new Random(recipe.seed());
        for (int s = 0; s < Math.min(4000, train.size()); s++) {
            CorpusFeatures.Item it = train.get(r.nextInt(train.size()));
            for (float[] v : it.versions()) {
                int frames = Math.min(c.windowFrames(), store.frames(v));
                List<FrameFeatures> f = store.unpack(v, 0, frames - frames % c.stack());
                for (float[] row : WindowFeatures.build(features, f, c.cepstralMeanNormalization(), c.relativePitch(), null, null)) {
                    stats.add(row);
                }
            }
        }
        return stats.meanAndStd();
    }

    /** Each clip read as the extractor reads a file (see the class comment), from version {@code version}. */
    List<ClipScore> score(Scorer scorer, List<CorpusFeatures.Item> items, int version) {
        VoiceModelConfig c = scorer.config();
        int[] category = new int[c.labels().size()];
        for (int j = 0; j < category.length; j++) {
            category[j] = SpeechCorpora.categoryOf(c.labels().get(j));
            if (category[j] < 0) {
                throw new IllegalArgumentException("model label " + c.labels().get(j) + " is none of " + SpeechCorpora.LABELS);
            }
        }
        List<ClipScore> out = new ArrayList<>();
        for (CorpusFeatures.Item it : items) {
            float[] packed = it.versions()[version];
            int total = store.frames(packed);
            List<int[]> spans = windows(c, total);
            List<float[][]> inputs = new ArrayList<>();
            List<Float> rel = new ArrayList<>();
            for (int[] s : spans) {
                List<FrameFeatures> f = store.unpack(packed, s[0], s[1]);
                VoiceActivity a = VoiceActivity.of(f);
                if (a.hasSpeech()) {
                    inputs.add(c.windowInput(f));
                    rel.add(a.reliability());
                }
            }
            List<float[]> probs = new ArrayList<>();
            // Windows of one clip share a length except a short clip's single window.
            if (!inputs.isEmpty()) {
                probs.addAll(scorer.predict(inputs));
            }
            float[] r = new float[rel.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = rel.get(i);
            }
            out.add(new ClipScore(it.clip().label(), it.clip().corpus(), it.clip().speaker(), probs.toArray(new float[0][]), r, category));
        }
        return out;
    }

    /** The windows {@code ChannelScorer} cuts from a finished file of {@code total} frames. */
    static List<int[]> windows(VoiceModelConfig c, int total) {
        List<int[]> out = new ArrayList<>();
        int w = c.windowFrames();
        int hop = c.hopFrames();
        if (total < w) {
            int usable = total - total % c.stack();
            if (usable >= hop) {
                out.add(new int[] {0, usable});
            }
            return out;
        }
        int last = 0;
        for (int s = 0; s + w <= total; s += hop) {
            out.add(new int[] {s, s + w});
            last = s + w;
        }
        if (total - last >= hop / 2) {
            out.add(new int[] {total - w, total});
        }
        return out;
    }

    /** The temperature in [0.5, 5] that minimizes the summaries' negative log-likelihood of the true category. */
    static double fitTemperature(List<ClipScore> clips) {
        return fitTemperature(clips, 0.5);
    }

    /** The temperature in [{@code lowest}, 5], on a grid of 0.05, that minimizes the summaries' negative log-likelihood. */
    static double fitTemperature(List<ClipScore> clips, double lowest) {
        double best = 1;
        double bestNll = Double.MAX_VALUE;
        for (int i = 0; lowest + 0.05 * i <= 5.0001; i++) {
            double t = lowest + 0.05 * i;
            double nll = 0;
            for (ClipScore c : clips) {
                Outcome o = c.outcome(t);
                nll -= Math.log(Math.max(1e-6, o.predicted() < 0 ? 1.0 / 7 : o.categories()[c.truth()]));
            }
            if (nll < bestNll) {
                bestNll = nll;
                best = t;
            }
        }
        return Math.round(best * 100) / 100.0;
    }

    /** Writes a model directory: weights, settings, label mapping, NOTICE, SHA256SUMS. */
    static void writeModel(Trained trained, Path out, VoiceModelConfig config, String notice) throws IOException {
        Files.createDirectories(out);
        try (var old = Files.newDirectoryStream(out, "*.params")) {
            for (Path p : old) {
                Files.delete(p);
            }
        }
        String params = config.name() + "-0000.params";
        Files.copy(trained.work().resolve(params), out.resolve(params), StandardCopyOption.REPLACE_EXISTING);
        config.write(out.resolve(VoiceModelConfig.FILE_NAME));
        SpeechCorpora.writeLabelMapping(out.resolve(VoiceModel.LABEL_MAPPING_FILE));
        Files.writeString(out.resolve("NOTICE"), notice.replace("${WEIGHTS}", params + " (SHA-256 "
                + ModelManifest.sha256(out.resolve(params)) + ")"), StandardCharsets.UTF_8);
        StringBuilder sums = new StringBuilder();
        for (String f : List.of(params, VoiceModelConfig.FILE_NAME, VoiceModel.LABEL_MAPPING_FILE, "NOTICE")) {
            sums.append(ModelManifest.sha256(out.resolve(f))).append("  ").append(f).append('\n');
        }
        Files.writeString(out.resolve(ModelManifest.FILE_NAME), sums.toString(), StandardCharsets.UTF_8);
    }

    static void deleteWork(Path work) throws IOException {
        try (var files = Files.list(work)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(work);
    }
}
