package io.emospectrum.tools.voice;

import io.emospectrum.audio.model.VoiceModel;
import io.emospectrum.audio.model.VoiceModelConfig;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code train voice-corpora}: the voice net on RAVDESS plus TESS, nEMO, ASED and TurEV-DB (the
 * manifest of {@code scripts/data/prepare_speech_corpora.sh}). With {@code --loco} it first runs
 * leave-one-corpus-out cross-validation: each corpus is held out once, a net is trained on the
 * others, and the held-out clips are read clean and through a telephone channel, by the new net and
 * by {@code --baseline} (today's model); a temperature is fitted on the held-out folds. With
 * {@code --out} it then trains on every corpus and writes the model, calibrated with that temperature.
 */
@Command(name = "voice-corpora", mixinStandardHelpOptions = true,
        description = "Trains the voice net on several speech corpora (balanced), with leave-one-corpus-out cross-validation and calibration.")
public final class TrainVoiceCorporaCommand implements Callable<Integer> {
    @Option(names = "--manifest", required = true, description = "manifest.tsv written by scripts/data/prepare_speech_corpora.sh")
    private Path manifest;
    @Option(names = "--cache", description = "feature cache directory (default: <manifest dir>/feature-cache)")
    private Path cache;
    @Option(names = "--loco", description = "leave-one-corpus-out cross-validation (and the temperature fitted on it)")
    private boolean loco;
    @Option(names = "--baseline", description = "a model directory read on the same held-out folds (today's model)")
    private Path baseline;
    @Option(names = "--out", description = "train on every corpus and write the model here")
    private Path out;
    @Option(names = "--temperature", defaultValue = "0", description = "calibration temperature for --out without --loco (0: fit none)")
    private double temperature;
    @Option(names = "--seed", defaultValue = "7")
    private long seed;
    @Option(names = "--epochs", defaultValue = "30")
    private int epochs;
    @Option(names = "--steps", defaultValue = "100", description = "batches of 32 per epoch")
    private int steps;
    @Option(names = "--hidden", defaultValue = "128")
    private int hidden;
    @Option(names = "--lr", defaultValue = "0.003")
    private float learningRate;
    @Option(names = "--dropout", defaultValue = "0.3")
    private float dropout;
    @Option(names = "--augment", defaultValue = "true", arity = "0..1", description = "train on the telephone and random-channel copies too")
    private boolean augment;
    @Option(names = "--corpus-power", defaultValue = "0", description = "corpus sampling weight = clips^power (0: equal shares)")
    private double corpusPower;
    @Option(names = "--corpus-weight", split = ",", description = "CORPUS=FACTOR: draw that corpus FACTOR times as often (e.g. ravdess=3)")
    private Map<String, Double> corpusWeights = new LinkedHashMap<>();
    @Option(names = "--max-per-corpus", defaultValue = "0", description = "at most this many clips per corpus, spread over its speakers (0: all)")
    private int maxPerCorpus;
    @Option(names = "--cmn", defaultValue = "false", arity = "0..1", description = "per-window cepstral mean normalization")
    private boolean cmn;
    @Option(names = "--threads", defaultValue = "2", description = "threads for feature extraction (training uses one)")
    private int threads;
    @Option(names = "--hold-out", split = ",", defaultValue = "ravdess-19,ravdess-20",
            description = "speakers left out of the --out model (default: ${DEFAULT-VALUE}, the build's held-out test actors)")
    private List<String> holdOut;
    @Option(names = "--model-version", defaultValue = "2.0.0", description = "version written into the model (--version prints the tools' own)")
    private String version;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        CorpusVoiceTraining.Recipe recipe = new CorpusVoiceTraining.Recipe(seed, epochs, steps, hidden, learningRate, dropout, augment,
                corpusPower, cmn, corpusWeights);
        System.out.println("recipe " + recipe);
        CorpusVoiceTraining training = new CorpusVoiceTraining(recipe);
        List<SpeechCorpora.Clip> clips = SpeechCorpora.cap(SpeechCorpora.read(manifest), maxPerCorpus);
        Path cacheDir = cache != null ? cache : manifest.toAbsolutePath().getParent().resolve("feature-cache");
        List<CorpusFeatures.Item> items = training.store().load(clips, cacheDir, 7, threads);
        // Clips shorter than half a second are never scored by the extractor; nothing to learn from.
        items = items.stream().filter(i -> training.store().frames(i.versions()[0]) >= 26).toList();
        double t = temperature > 0 ? temperature : 1;
        if (loco) {
            t = loco(training, items);
        }
        if (out != null) {
            List<CorpusFeatures.Item> finalItems = items.stream().filter(i -> !holdOut.contains(i.clip().speaker())).toList();
            try (CorpusVoiceTraining.Trained trained = training.fit(finalItems, "speech-gru", version)) {
                Map<String, Object> info = new LinkedHashMap<>();
                info.put("data", "RAVDESS, TESS, nEMO, ASED, TurEV-DB (" + finalItems.size() + " clips; see NOTICE); speakers held out: " + holdOut);
                info.put("sampling", "corpus first (weight clips^" + corpusPower
                        + (corpusWeights.isEmpty() ? "" : " x " + corpusWeights) + "), then clip, then channel version");
                info.put("augmentation", augment ? "telephone (8 kHz, 300-3400 Hz, G.711 mu-law/A-law), speed 0.9-1.1, reverberation, "
                        + "white/pink/babble noise 5-25 dB SNR, gain -20..+6 dB" : "none");
                info.put("recipe", recipe.toString());
                info.put("temperature", t + (loco ? " (fitted on the leave-one-corpus-out folds)" : " (given)"));
                VoiceModelConfig config = trained.config().withTraining(info).withTemperature((float) t);
                CorpusVoiceTraining.writeModel(trained, out, config, notice(config, holdOut));
                CorpusVoiceTraining.deleteWork(trained.work());
            }
            System.out.printf(Locale.ROOT, "wrote %s (temperature %.2f) in %.0f s%n", out, t, (System.nanoTime() - t0) / 1e9);
        }
        return 0;
    }

    private double loco(CorpusVoiceTraining training, List<CorpusFeatures.Item> items) throws Exception {
        Map<String, List<CorpusFeatures.Item>> byCorpus = new LinkedHashMap<>();
        for (CorpusFeatures.Item it : items) {
            byCorpus.computeIfAbsent(it.clip().corpus(), c -> new ArrayList<>()).add(it);
        }
        VoiceModel base = baseline == null ? null
                : VoiceModel.load(ModelSource.path(baseline), null, DeviceChoice.CPU, ModelFiles.defaultCache());
        Map<String, List<CorpusVoiceTraining.ClipScore>> cleanNew = new LinkedHashMap<>();
        Map<String, List<CorpusVoiceTraining.ClipScore>> telNew = new LinkedHashMap<>();
        Map<String, List<CorpusVoiceTraining.ClipScore>> cleanBase = new LinkedHashMap<>();
        Map<String, List<CorpusVoiceTraining.ClipScore>> telBase = new LinkedHashMap<>();
        CorpusVoiceTraining.Recipe recipe = training.recipe();
        // One fold at a time: DJL's PyTorch engine allows one gradient collector per process.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            List<java.util.concurrent.Future<String>> done = new ArrayList<>();
            for (String held : byCorpus.keySet()) {
                done.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    // Each fold its own trainer, from the same seed: the folds differ by their data only.
                    CorpusVoiceTraining fold = new CorpusVoiceTraining(recipe);
                    List<CorpusFeatures.Item> train = items.stream().filter(i -> !i.clip().corpus().equals(held)).toList();
                    List<CorpusFeatures.Item> test = byCorpus.get(held);
                    System.out.printf(Locale.ROOT, "fold %s: %d training clips, %d held out%n", held, train.size(), test.size());
                    List<CorpusVoiceTraining.ClipScore> cn;
                    List<CorpusVoiceTraining.ClipScore> tn;
                    try (CorpusVoiceTraining.Trained net = fold.fit(train, "speech-gru", "loco")) {
                        cn = fold.score(net, test, CorpusFeatures.CLEAN);
                        tn = fold.score(net, test, CorpusFeatures.TELEPHONE);
                        CorpusVoiceTraining.deleteWork(net.work());
                    }
                    synchronized (cleanNew) {
                        cleanNew.put(held, cn);
                        telNew.put(held, tn);
                    }
                    if (base != null) {
                        CorpusVoiceTraining.Scorer b = CorpusVoiceTraining.of(base);
                        List<CorpusVoiceTraining.ClipScore> cb = fold.score(b, test, CorpusFeatures.CLEAN);
                        List<CorpusVoiceTraining.ClipScore> tb = fold.score(b, test, CorpusFeatures.TELEPHONE);
                        synchronized (cleanNew) {
                            cleanBase.put(held, cb);
                            telBase.put(held, tb);
                        }
                    }
                    System.out.printf(Locale.ROOT, "fold %s done: new clean %s | telephone %s (%.0f s)%n", held,
                            CorpusVoiceTraining.Metrics.of(cn, 1).row(), CorpusVoiceTraining.Metrics.of(tn, 1).row(),
                            (System.nanoTime() - t0) / 1e9);
                    return held;
                }));
            }
            for (var f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
            if (base != null) {
                base.close();
            }
        }
        // Folds in corpus order, whatever order they finished in.
        for (var m : List.of(cleanNew, telNew, cleanBase, telBase)) {
            Map<String, List<CorpusVoiceTraining.ClipScore>> sorted = new LinkedHashMap<>();
            byCorpus.keySet().stream().filter(m::containsKey).forEach(k -> sorted.put(k, m.get(k)));
            m.clear();
            m.putAll(sorted);
        }
        // Cross-fitted calibration: fold k's temperature is fitted on the other folds' held-out clips.
        Map<String, Double> foldT = new LinkedHashMap<>();
        List<CorpusVoiceTraining.ClipScore> pooled = new ArrayList<>();
        for (String held : cleanNew.keySet()) {
            List<CorpusVoiceTraining.ClipScore> others = new ArrayList<>();
            for (String o : cleanNew.keySet()) {
                if (!o.equals(held)) {
                    others.addAll(cleanNew.get(o));
                    others.addAll(telNew.get(o));
                }
            }
            foldT.put(held, CorpusVoiceTraining.fitTemperature(others));
            pooled.addAll(cleanNew.get(held));
            pooled.addAll(telNew.get(held));
        }
        double t = CorpusVoiceTraining.fitTemperature(pooled);
        StringBuilder table = new StringBuilder();
        table.append("\n| held out | model | clips | clean accuracy | macro-F1 | mean confidence | ECE | telephone accuracy | macro-F1 | mean confidence | ECE |\n");
        table.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        double[] sums = new double[6];
        int folds = 0;
        for (String held : cleanNew.keySet()) {
            boolean ravdess = held.equals("ravdess");
            // Today's model was trained on RAVDESS actors 01-18: on that fold both are read on actors 19-20 only.
            java.util.function.Predicate<CorpusVoiceTraining.ClipScore> unseen = c -> !ravdess
                    || c.speaker().equals("ravdess-19") || c.speaker().equals("ravdess-20");
            List<CorpusVoiceTraining.ClipScore> cn = cleanNew.get(held).stream().filter(unseen).toList();
            List<CorpusVoiceTraining.ClipScore> tn = telNew.get(held).stream().filter(unseen).toList();
            String name = ravdess ? "ravdess (actors 19-20)" : held;
            if (!cleanBase.isEmpty()) {
                List<CorpusVoiceTraining.ClipScore> cb = cleanBase.get(held).stream().filter(unseen).toList();
                List<CorpusVoiceTraining.ClipScore> tb = telBase.get(held).stream().filter(unseen).toList();
                row(table, name, "today's (" + baseline.getFileName() + ")", cb, tb, 1);
                sums[0] += CorpusVoiceTraining.Metrics.of(cb, 1).accuracy();
                sums[1] += CorpusVoiceTraining.Metrics.of(tb, 1).accuracy();
            }
            row(table, name, "new, uncalibrated", cn, tn, 1);
            row(table, name, String.format(Locale.ROOT, "new, T=%.2f (other folds)", foldT.get(held)), cn, tn, foldT.get(held));
            sums[2] += CorpusVoiceTraining.Metrics.of(cn, 1).accuracy();
            sums[3] += CorpusVoiceTraining.Metrics.of(tn, 1).accuracy();
            sums[4] += CorpusVoiceTraining.Metrics.of(cn, foldT.get(held)).ece();
            sums[5] += CorpusVoiceTraining.Metrics.of(tn, foldT.get(held)).ece();
            if (ravdess) {
                row(table, "ravdess (actors 01-20)", String.format(Locale.ROOT, "new, T=%.2f (other folds)", foldT.get(held)),
                        cleanNew.get(held), telNew.get(held), foldT.get(held));
            }
            folds++;
        }
        System.out.println(table);
        System.out.printf(Locale.ROOT, "leave-one-corpus-out mean accuracy over %d folds: today's %.3f clean / %.3f telephone; "
                        + "new %.3f clean / %.3f telephone; new calibrated mean ECE %.3f clean / %.3f telephone%n",
                folds, sums[0] / folds, sums[1] / folds, sums[2] / folds, sums[3] / folds, sums[4] / folds, sums[5] / folds);
        CorpusVoiceTraining.Metrics all = CorpusVoiceTraining.Metrics.of(pooled, t);
        System.out.printf(Locale.ROOT, "temperature fitted on all held-out folds (clean + telephone): %.2f; pooled: %s%n", t, all.row());
        return t;
    }

    private static void row(StringBuilder b, String held, String model, List<CorpusVoiceTraining.ClipScore> clean,
                            List<CorpusVoiceTraining.ClipScore> tel, double t) {
        CorpusVoiceTraining.Metrics c = CorpusVoiceTraining.Metrics.of(clean, t);
        CorpusVoiceTraining.Metrics p = CorpusVoiceTraining.Metrics.of(tel, t);
        b.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                held, model, c.n(), c.accuracy(), c.macroF1(), c.meanConfidence(), c.ece(),
                p.accuracy(), p.macroF1(), p.meanConfidence(), p.ece()));
    }

    static String notice(VoiceModelConfig c, List<String> heldOut) {
        return "EmoSpectrum voice model " + c.name() + " " + c.version() + "\n\n"
                + "Files: DJL parameters ${WEIGHTS}, " + VoiceModelConfig.FILE_NAME + " (settings, feature statistics, calibration\n"
                + "temperature " + c.temperature() + "), " + VoiceModel.LABEL_MAPPING_FILE + ".\n"
                + "Made by: io.emospectrum.tools.voice.TrainVoiceCorporaCommand (emospectrum-tools train voice-corpora), DJL "
                + ai.djl.engine.Engine.getDjlVersion() + ", PyTorch engine; recipe: " + c.training().get("recipe") + ".\n\n"
                + "Trained on (clips prepared by scripts/data/prepare_speech_corpora.sh; counts in voice-model.json, training.data)\n"
                + "less these speakers, held out for evaluation: " + heldOut + "\n"
                + "  - RAVDESS, speech, actors 01-20 less the speakers held out (voice-model.json, training.data): Livingstone SR, Russo FA (2018), PLoS ONE 13(5): e0196391,\n"
                + "    https://doi.org/10.1371/journal.pone.0196391. Licence: CC BY-NC-SA 4.0.\n"
                + "  - TESS, Toronto emotional speech set (Dupuis K, Pichora-Fuller MK, University of Toronto, 2010),\n"
                + "    snapshot deepxzy/Toronto-emotional-speech-set @ acdd3c4. Licence: CC BY-NC-ND 4.0.\n"
                + "  - nEMO (Christop I, 2024, Adam Mickiewicz University), amu-cai/nEMO @ 66de999. Licence: CC BY-NC-SA 4.0.\n"
                + "  - ASED v1, Amharic Speech Emotion Dataset (Retta EA et al., ACM TALLIP 2022, https://doi.org/10.1145/3529759),\n"
                + "    Ethio2021/ASED_V1 @ 30fee03. Licence: stated as freely available for research.\n"
                + "  - TurEV-DB, Turkish emotional voice database (Canpolat SF, Ormanoglu Z, Zeyrek D, 2020),\n"
                + "    Xeonen/TurEV-DB @ be9873e. Licence: CC BY-NC-ND 4.0.\n\n"
                + "Licence of these weights: they are derived from all of the above and inherit the most restrictive\n"
                + "terms: non-commercial research use only (NonCommercial in every CC licence above; ASED: research).\n"
                + "Credit the sets above when you use them. Whether a trained model is an adaptation under the\n"
                + "NoDerivatives terms of TESS and TurEV-DB is for your counsel: do not redistribute these weights\n"
                + "commercially or modified without checking. For commercial use, train on data licensed for it\n"
                + "(emospectrum-tools train voice-corpora --manifest YOUR.tsv) or bring your own model.\n";
    }
}
