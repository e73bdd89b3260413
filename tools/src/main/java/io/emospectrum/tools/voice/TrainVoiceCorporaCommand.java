package io.emospectrum.tools.voice;

import io.emospectrum.audio.model.VoiceEnsembleConfig;
import io.emospectrum.audio.model.VoiceModel;
import io.emospectrum.audio.model.VoiceModelConfig;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
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
 * With {@code --ensemble-with} each fold's net is also read inside an ensemble, built as
 * {@code train voice-ensemble} builds one, with the given models (e.g. {@code ravdess-gru}): the
 * leave-one-corpus-out figures of an ensemble recipe, at its given temperature and cross-fitted.
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
    @Option(names = "--ensemble-with", description = "with --loco: also read each fold's net inside an ensemble with this model "
            + "directory (repeatable), built as train voice-ensemble builds one; on the RAVDESS fold only actors 19-20 are read")
    private List<Path> ensembleWith = new ArrayList<>();
    @Option(names = "--member-temperature", split = ",", description = "with --ensemble-with: NAME=T, a member's temperature in the "
            + "ensemble (the fold's net is named speech-gru), as train voice-ensemble takes it")
    private Map<String, Float> memberTemperatures = new LinkedHashMap<>();
    @Option(names = "--combination", defaultValue = "LOG_LINEAR", description = "with --ensemble-with: MEAN or LOG_LINEAR (default: ${DEFAULT-VALUE})")
    private VoiceEnsembleConfig.Combination combination;
    @Option(names = "--ensemble-temperature", defaultValue = "1", description = "with --ensemble-with: the ensemble's own temperature, "
            + "as it would ship (a cross-fitted one is printed beside it)")
    private double ensembleTemperature;
    @Option(names = "--cross-fit-members", description = "with --ensemble-with: also read each fold's ensemble with every member's "
            + "temperature fitted on the other folds (the fold's net: the single net's cross-fitted temperature; the other members: "
            + "their own readings of the other folds), then the ensemble's temperature cross-fitted: no number fitted on the fold")
    private boolean crossFitMembers;
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
        checkEnsembleOptions();
        CorpusVoiceTraining training = training();
        CorpusVoiceTraining.Recipe recipe = training.recipe();
        System.out.println("recipe " + recipe);
        List<CorpusFeatures.Item> items = items(training);
        double t = temperature > 0 ? temperature : 1;
        if (loco) {
            t = loco(training, items).temperature();
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

    /** The ensemble options make sense only together, and every member temperature must name a member: checked before any training. */
    void checkEnsembleOptions() {
        if (!ensembleWith.isEmpty() && !loco) {
            throw new ConfigurationException("--ensemble-with reads the leave-one-corpus-out folds: give --loco too");
        }
        if (ensembleWith.isEmpty() && (crossFitMembers || !memberTemperatures.isEmpty())) {
            throw new ConfigurationException("--cross-fit-members and --member-temperature need --ensemble-with DIR");
        }
        List<String> names = new ArrayList<>(List.of("speech-gru"));
        for (Path m : ensembleWith) {
            names.add(VoiceModelConfig.read(m.resolve(VoiceModelConfig.FILE_NAME)).name());
        }
        for (String m : memberTemperatures.keySet()) {
            if (!names.contains(m)) {
                throw new ConfigurationException("--member-temperature names " + m + ", which is no member's name; members: " + names);
            }
        }
    }

    CorpusVoiceTraining training() {
        return new CorpusVoiceTraining(new CorpusVoiceTraining.Recipe(seed, epochs, steps, hidden, learningRate, dropout, augment,
                corpusPower, cmn, corpusWeights));
    }

    /** The manifest's clips (capped per corpus) with their cached features, less those the extractor would never score. */
    List<CorpusFeatures.Item> items(CorpusVoiceTraining training) throws Exception {
        List<SpeechCorpora.Clip> clips = SpeechCorpora.cap(SpeechCorpora.read(manifest), maxPerCorpus);
        Path cacheDir = cache != null ? cache : manifest.toAbsolutePath().getParent().resolve("feature-cache");
        List<CorpusFeatures.Item> items = training.store().load(clips, cacheDir, 7, threads);
        // Clips shorter than half a second are never scored by the extractor; nothing to learn from.
        return items.stream().filter(i -> training.store().frames(i.versions()[0]) >= 26).toList();
    }

    /**
     * What a leave-one-corpus-out run measured: the temperature fitted on all held-out folds (the
     * single net's), the printed table, and per model the mean over folds of clean accuracy, macro-F1,
     * mean confidence, ECE, then the same four on the telephone copies.
     *
     * @param ensembleTemperatures per fold, the ensemble's temperature fitted on the other folds (empty without an ensemble)
     */
    record LocoResult(double temperature, String table, Map<String, double[]> means, Map<String, Double> ensembleTemperatures) {
    }

    /** One model's reading of one fold's held-out clips, clean and through the telephone channel. */
    private record Reading(List<CorpusVoiceTraining.ClipScore> clean, List<CorpusVoiceTraining.ClipScore> telephone) {
        Reading only(java.util.function.Predicate<CorpusVoiceTraining.ClipScore> keep) {
            return new Reading(clean.stream().filter(keep).toList(), telephone.stream().filter(keep).toList());
        }
    }

    static final String TODAY = "today's";
    static final String NEW = "new";
    static final String ENSEMBLE_GIVEN = "ensemble, given temperature";
    static final String ENSEMBLE_CROSS_FITTED = "ensemble, cross-fitted temperature";
    static final String ENSEMBLE_FULLY_CROSS_FITTED = "ensemble, members and ensemble cross-fitted";

    /** Today's model was trained on RAVDESS actors 01-18: on the RAVDESS fold every model is compared on actors 19-20. */
    private static boolean unseen(String held, CorpusVoiceTraining.ClipScore c) {
        return !held.equals("ravdess") || c.speaker().equals("ravdess-19") || c.speaker().equals("ravdess-20");
    }

    LocoResult loco(CorpusVoiceTraining training, List<CorpusFeatures.Item> items) throws Exception {
        Map<String, List<CorpusFeatures.Item>> byCorpus = new LinkedHashMap<>();
        for (CorpusFeatures.Item it : items) {
            byCorpus.computeIfAbsent(it.clip().corpus(), c -> new ArrayList<>()).add(it);
        }
        VoiceModel base = baseline == null ? null
                : VoiceModel.load(ModelSource.path(baseline), null, DeviceChoice.CPU, ModelFiles.defaultCache());
        Map<String, Reading> news = new LinkedHashMap<>();
        Map<String, Reading> bases = new LinkedHashMap<>();
        Map<String, Reading> ensembles = new LinkedHashMap<>();
        // With --cross-fit-members: each fold's net kept on disk, and each --ensemble-with member's own readings.
        Map<String, Path> foldNets = new LinkedHashMap<>();
        Map<Path, Map<String, Reading>> memberReadings = new LinkedHashMap<>();
        List<VoiceModel> members = new ArrayList<>();
        if (crossFitMembers) {
            for (Path m : ensembleWith) {
                members.add(VoiceModel.load(ModelSource.path(m), null, DeviceChoice.CPU, ModelFiles.defaultCache()));
                memberReadings.put(m, new LinkedHashMap<>());
            }
        }
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
                    Reading n;
                    Reading e = null;
                    // The other members trained on RAVDESS actors 01-18 (ravdess-gru): the ensemble reads 19-20 only.
                    List<CorpusFeatures.Item> unseenTest = unseenItems(held, test);
                    try (CorpusVoiceTraining.Trained net = fold.fit(train, "speech-gru", "loco")) {
                        n = new Reading(fold.score(net, test, CorpusFeatures.CLEAN), fold.score(net, test, CorpusFeatures.TELEPHONE));
                        if (!ensembleWith.isEmpty()) {
                            Path member = writeFoldNet(fold, net, held);
                            try {
                                e = readAsEnsemble(fold, member, memberTemperatures, held, unseenTest);
                            } finally {
                                if (crossFitMembers) {
                                    synchronized (news) {
                                        foldNets.put(held, member);
                                    }
                                } else {
                                    deleteTree(member.getParent());
                                }
                            }
                        }
                        CorpusVoiceTraining.deleteWork(net.work());
                    }
                    for (int k = 0; k < members.size(); k++) {
                        CorpusVoiceTraining.Scorer s = CorpusVoiceTraining.of(members.get(k));
                        Reading r = new Reading(fold.score(s, unseenTest, CorpusFeatures.CLEAN), fold.score(s, unseenTest, CorpusFeatures.TELEPHONE));
                        synchronized (news) {
                            memberReadings.get(ensembleWith.get(k)).put(held, r);
                        }
                    }
                    Reading b = null;
                    if (base != null) {
                        CorpusVoiceTraining.Scorer s = CorpusVoiceTraining.of(base);
                        b = new Reading(fold.score(s, test, CorpusFeatures.CLEAN), fold.score(s, test, CorpusFeatures.TELEPHONE));
                    }
                    synchronized (news) {
                        news.put(held, n);
                        if (b != null) {
                            bases.put(held, b);
                        }
                        if (e != null) {
                            ensembles.put(held, e);
                        }
                    }
                    System.out.printf(Locale.ROOT, "fold %s done: new clean %s | telephone %s%s (%.0f s)%n", held,
                            CorpusVoiceTraining.Metrics.of(n.clean(), 1).row(), CorpusVoiceTraining.Metrics.of(n.telephone(), 1).row(),
                            e == null ? "" : "; ensemble (T " + ensembleTemperature + ") clean "
                                    + CorpusVoiceTraining.Metrics.of(e.clean(), ensembleTemperature).row() + " | telephone "
                                    + CorpusVoiceTraining.Metrics.of(e.telephone(), ensembleTemperature).row(),
                            (System.nanoTime() - t0) / 1e9);
                    return held;
                }));
            }
            for (var f : done) {
                f.get();
            }
            if (crossFitMembers) {
                memberReadings.values().forEach(m -> sortByFold(m, byCorpus.keySet()));
            }
        } catch (Exception | Error ex) {
            for (Path p : foldNets.values()) {
                deleteTree(p.getParent());
            }
            throw ex;
        } finally {
            pool.shutdown();
            if (base != null) {
                base.close();
            }
            members.forEach(VoiceModel::close);
        }
        List<String> folds = byCorpus.keySet().stream().filter(news::containsKey).toList();
        // Cross-fitted calibration: fold k's temperature is fitted on the other folds' held-out clips.
        Map<String, Double> foldT = crossFitted(folds, news, 0.5);
        // Every number fitted on the other folds: the members' temperatures, then the ensemble's.
        Map<String, Reading> fullyCrossFitted = new LinkedHashMap<>();
        Map<String, Map<String, Float>> foldMemberT = new LinkedHashMap<>();
        try {
            if (crossFitMembers) {
                Map<Path, Map<String, Double>> memberT = new LinkedHashMap<>();
                for (var m : memberReadings.entrySet()) {
                    memberT.put(m.getKey(), crossFitted(folds, m.getValue(), 0.2));
                }
                CorpusVoiceTraining reader = new CorpusVoiceTraining(recipe);
                for (String held : folds) {
                    Map<String, Float> temps = new LinkedHashMap<>();
                    // On top of the member's own temperature, as evaluate voice-corpora --calibrate fits one.
                    for (Path m : ensembleWith) {
                        VoiceModelConfig c = VoiceModelConfig.read(m.resolve(VoiceModelConfig.FILE_NAME));
                        temps.put(c.name(), (float) (c.temperature() * memberT.get(m).get(held)));
                    }
                    temps.put("speech-gru", foldT.get(held).floatValue());
                    foldMemberT.put(held, temps);
                    fullyCrossFitted.put(held, readAsEnsemble(reader, foldNets.get(held), temps, held, unseenItems(held, byCorpus.get(held))));
                }
            }
        } finally {
            for (Path p : foldNets.values()) {
                deleteTree(p.getParent());
            }
        }
        Map<String, Double> fullT = fullyCrossFitted.isEmpty() ? Map.of() : crossFitted(folds, fullyCrossFitted, 0.2);
        // The ensemble's grid starts lower: it is given temperatures below 1 (the shipped one is 0.6).
        Map<String, Double> ensembleT = ensembles.isEmpty() ? Map.of() : crossFitted(folds, ensembles, 0.2);
        List<CorpusVoiceTraining.ClipScore> pooled = new ArrayList<>();
        for (String held : folds) {
            pooled.addAll(news.get(held).clean());
            pooled.addAll(news.get(held).telephone());
        }
        double t = CorpusVoiceTraining.fitTemperature(pooled);
        StringBuilder table = new StringBuilder();
        table.append("\n| held out | model | clips | clean accuracy | macro-F1 | mean confidence | ECE | telephone accuracy | macro-F1 | mean confidence | ECE |\n");
        table.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (String held : folds) {
            String name = held.equals("ravdess") ? "ravdess (actors 19-20)" : held;
            if (bases.containsKey(held)) {
                add(sums, TODAY, row(table, name, "today's (" + baseline.getFileName() + ")", bases.get(held).only(c -> unseen(held, c)), 1));
            }
            Reading n = news.get(held);
            add(sums, NEW, row(table, name, "new, uncalibrated", n.only(c -> unseen(held, c)), 1));
            row(table, name, String.format(Locale.ROOT, "new, T=%.2f (other folds)", foldT.get(held)), n.only(c -> unseen(held, c)), foldT.get(held));
            if (held.equals("ravdess")) {
                row(table, "ravdess (actors 01-20)", String.format(Locale.ROOT, "new, T=%.2f (other folds)", foldT.get(held)), n, foldT.get(held));
            }
            if (ensembles.containsKey(held)) {
                Reading e = ensembles.get(held);
                add(sums, ENSEMBLE_GIVEN, row(table, name, String.format(Locale.ROOT, "ensemble, T=%.2f (given)", ensembleTemperature), e,
                        ensembleTemperature));
                add(sums, ENSEMBLE_CROSS_FITTED, row(table, name, String.format(Locale.ROOT, "ensemble, T=%.2f (other folds)",
                        ensembleT.get(held)), e, ensembleT.get(held)));
            }
            if (fullyCrossFitted.containsKey(held)) {
                add(sums, ENSEMBLE_FULLY_CROSS_FITTED, row(table, name, String.format(Locale.ROOT, "ensemble, members %s, T=%.2f (all other folds)",
                        foldMemberT.get(held), fullT.get(held)), fullyCrossFitted.get(held), fullT.get(held)));
            }
        }
        Map<String, double[]> means = new LinkedHashMap<>();
        for (var e : sums.entrySet()) {
            double[] m = e.getValue().clone();
            for (int i = 0; i < m.length; i++) {
                m[i] /= folds.size();
            }
            means.put(e.getKey(), m);
            table.append(String.format(Locale.ROOT, "| mean over %d folds | %s | | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                    folds.size(), e.getKey(), m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7]));
        }
        System.out.println(table);
        double[] none = new double[8];
        double[] today = means.getOrDefault(TODAY, none);
        double[] fresh = means.get(NEW);
        System.out.printf(Locale.ROOT, "leave-one-corpus-out mean accuracy over %d folds: today's %.3f clean / %.3f telephone; "
                        + "new %.3f clean / %.3f telephone; new calibrated mean ECE %.3f clean / %.3f telephone%n",
                folds.size(), today[0], today[4], fresh[0], fresh[4], meanEce(folds, news, foldT, true), meanEce(folds, news, foldT, false));
        if (!ensembles.isEmpty()) {
            double[] g = means.get(ENSEMBLE_GIVEN);
            double[] x = means.get(ENSEMBLE_CROSS_FITTED);
            System.out.printf(Locale.ROOT, "ensemble (%s with %s): mean accuracy %.3f clean / %.3f telephone (%+.1f points); mean ECE at T=%.2f "
                            + "%.3f clean / %.3f telephone, at the cross-fitted temperatures %s: %.3f clean / %.3f telephone%n",
                    combination, ensembleWith, g[0], g[4], 100 * (g[4] - g[0]), ensembleTemperature, g[3], g[7], ensembleT, x[3], x[7]);
            // What to ship for corpora nobody trained on: the ensemble temperature fitted on every fold's unseen clips.
            List<CorpusVoiceTraining.ClipScore> unseen = new ArrayList<>();
            for (String held : folds) {
                unseen.addAll(ensembles.get(held).clean());
                unseen.addAll(ensembles.get(held).telephone());
            }
            double te = CorpusVoiceTraining.fitTemperature(unseen, 0.2);
            System.out.printf(Locale.ROOT, "ensemble temperature fitted on all held-out folds (clean + telephone): %.2f; pooled: %s%n", te,
                    CorpusVoiceTraining.Metrics.of(unseen, te).row());
            // Does confidence separate right readings from wrong ones on a corpus nobody trained on? (ECE alone does not say.)
            StringBuilder auroc = new StringBuilder();
            for (String held : folds) {
                double ours = CorpusVoiceTraining.Metrics.of(ensembles.get(held).clean(), ensembleT.get(held)).auroc();
                String baseline = bases.containsKey(held)
                        ? String.format(Locale.ROOT, "%.3f", CorpusVoiceTraining.Metrics.of(bases.get(held).only(c -> unseen(held, c)).clean(), 1).auroc())
                        : "n/a";
                auroc.append(String.format(Locale.ROOT, " %s %.3f (today's %s);", held, ours, baseline));
            }
            System.out.println("AUROC of confidence for a right reading, clean, ensemble at the cross-fitted temperature:" + auroc);
        }
        if (!fullyCrossFitted.isEmpty()) {
            double[] f = means.get(ENSEMBLE_FULLY_CROSS_FITTED);
            System.out.printf(Locale.ROOT, "ensemble with every temperature fitted on the other folds (members %s, ensemble %s): mean accuracy "
                    + "%.3f clean / %.3f telephone (%+.1f points); mean ECE %.3f clean / %.3f telephone%n", foldMemberT, fullT, f[0], f[4],
                    100 * (f[4] - f[0]), f[3], f[7]);
        }
        CorpusVoiceTraining.Metrics all = CorpusVoiceTraining.Metrics.of(pooled, t);
        System.out.printf(Locale.ROOT, "temperature fitted on all held-out folds (clean + telephone): %.2f; pooled: %s%n", t, all.row());
        return new LocoResult(t, table.toString(), means, ensembleT);
    }

    private static List<CorpusFeatures.Item> unseenItems(String held, List<CorpusFeatures.Item> test) {
        return test.stream().filter(i -> !held.equals("ravdess") || List.of("ravdess-19", "ravdess-20").contains(i.clip().speaker())).toList();
    }

    /** Fold {@code held}'s net as a model directory (uncalibrated), under a temporary directory of its own. */
    private static Path writeFoldNet(CorpusVoiceTraining fold, CorpusVoiceTraining.Trained net, String held) throws Exception {
        Path member = Files.createTempDirectory("loco-net").resolve("speech-gru");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("data", "leave-one-corpus-out fold: every corpus but " + held);
        info.put("recipe", fold.recipe().toString());
        VoiceModelConfig config = net.config().withTraining(info);
        CorpusVoiceTraining.writeModel(net, member, config, notice(config, List.of("corpus " + held)));
        return member;
    }

    /**
     * Fold {@code held}'s net (directory {@code net}) inside the ensemble that {@code train voice-ensemble}
     * builds from {@code --ensemble-with} and it, with these member temperatures (ensemble temperature 1:
     * the given and the cross-fitted ones are applied to the readings), reading {@code test}.
     */
    private Reading readAsEnsemble(CorpusVoiceTraining fold, Path net, Map<String, Float> temperatures, String held,
                                   List<CorpusFeatures.Item> test) throws Exception {
        Path work = Files.createTempDirectory("loco-ensemble");
        try {
            List<Path> members = new ArrayList<>(ensembleWith);
            members.add(net);
            Path dir = work.resolve("ensemble");
            TrainVoiceEnsembleCommand.write(members, temperatures, combination, 1f, "loco-ensemble", "loco-" + held,
                    "leave-one-corpus-out fold " + held, dir);
            try (VoiceModel m = VoiceModel.load(ModelSource.path(dir), null, DeviceChoice.CPU, new ModelFiles(work.resolve("cache")))) {
                CorpusVoiceTraining.Scorer s = CorpusVoiceTraining.of(m);
                return new Reading(fold.score(s, test, CorpusFeatures.CLEAN), fold.score(s, test, CorpusFeatures.TELEPHONE));
            }
        } finally {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void sortByFold(Map<String, Reading> m, java.util.Collection<String> order) {
        Map<String, Reading> sorted = new LinkedHashMap<>();
        order.stream().filter(m::containsKey).forEach(k -> sorted.put(k, m.get(k)));
        m.clear();
        m.putAll(sorted);
    }

    /** Each fold's temperature fitted (grid from {@code lowest} to 5) on the other folds' clips, clean and telephone. */
    private static Map<String, Double> crossFitted(List<String> folds, Map<String, Reading> readings, double lowest) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String held : folds) {
            List<CorpusVoiceTraining.ClipScore> others = new ArrayList<>();
            for (String o : folds) {
                if (!o.equals(held) && readings.containsKey(o)) {
                    others.addAll(readings.get(o).clean());
                    others.addAll(readings.get(o).telephone());
                }
            }
            out.put(held, CorpusVoiceTraining.fitTemperature(others, lowest));
        }
        return out;
    }

    private static double meanEce(List<String> folds, Map<String, Reading> readings, Map<String, Double> t, boolean clean) {
        double sum = 0;
        for (String held : folds) {
            Reading r = readings.get(held).only(c -> unseen(held, c));
            sum += CorpusVoiceTraining.Metrics.of(clean ? r.clean() : r.telephone(), t.get(held)).ece();
        }
        return sum / folds.size();
    }

    private static void add(Map<String, double[]> sums, String model, double[] row) {
        double[] s = sums.computeIfAbsent(model, k -> new double[row.length]);
        for (int i = 0; i < row.length; i++) {
            s[i] += row[i];
        }
    }

    /** Appends one table row; returns its eight figures (clean, then telephone: accuracy, macro-F1, mean confidence, ECE). */
    private static double[] row(StringBuilder b, String held, String model, Reading r, double t) {
        CorpusVoiceTraining.Metrics c = CorpusVoiceTraining.Metrics.of(r.clean(), t);
        CorpusVoiceTraining.Metrics p = CorpusVoiceTraining.Metrics.of(r.telephone(), t);
        b.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                held, model, c.n(), c.accuracy(), c.macroF1(), c.meanConfidence(), c.ece(),
                p.accuracy(), p.macroF1(), p.meanConfidence(), p.ece()));
        return new double[] {c.accuracy(), c.macroF1(), c.meanConfidence(), c.ece(), p.accuracy(), p.macroF1(), p.meanConfidence(), p.ece()};
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
