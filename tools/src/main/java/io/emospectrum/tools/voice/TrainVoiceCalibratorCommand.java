package io.emospectrum.tools.voice;

import io.emospectrum.audio.GruVoiceProvider;
import io.emospectrum.audio.model.VoiceConfidenceCalibrator;
import io.emospectrum.audio.model.VoiceEnsembleConfig;
import io.emospectrum.audio.model.VoiceModel;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelManifest;
import io.emospectrum.model.ModelSource;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.tools.text.CalibrationMetrics;
import io.emospectrum.tools.text.ConfidenceCalibrators;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code train voice-calibrator}: fits a per-window confidence calibrator ({@link VoiceConfidenceCalibrator})
 * for a voice ensemble on clips no member trained on, and chooses among candidates by leave-one-corpus-out
 * cross-fitting: each corpus's calibrator is fitted on the other corpora's clips (clean and telephone) and
 * measured on that corpus's clips, clean and telephone, through the product path's summary of a file.
 * The ensemble's window probabilities are read once and cached ({@code --probabilities}); every fit after
 * that reads the cache. {@code --write DIR} fits the chosen candidate on all the clips and ships it in an
 * ensemble directory (the file, its NOTICE section, the version, SHA256SUMS).
 *
 * <p>Rule (docs/experiments/modality-audio.md, written before the first comparison): the candidate with the lowest
 * largest ECE over the held-out corpora x {clean, telephone}; candidates within {@value #TIE} of the lowest tie,
 * broken by the lowest mean of those ECEs, then by fewer inputs.
 */
@Command(name = "voice-calibrator", mixinStandardHelpOptions = true,
        description = "Fits and chooses a voice ensemble's per-window confidence calibrator (leave one corpus out over held-out speakers); --write ships it.")
public final class TrainVoiceCalibratorCommand implements Callable<Integer> {
    static final double TIE = 0.02;
    static final String AS_SHIPPED = "temperature only (as shipped)";
    static final String TEMPERATURE = "one more temperature";
    private static final String R = "ravdess-gru";
    private static final String S = "speech-gru";
    private static final List<String> MEMBERS = List.of("MEMBER_LOG_TOP:" + R, "MEMBER_LOG_TOP:" + S, "AGREEMENT");

    /** What a logistic candidate learns to predict for each window. */
    enum Target {
        /** whether the window's own dominant category is right */
        WINDOW,
        /** whether its clip's summary (at the model's temperature) is right: the figure a file's reading promises */
        CLIP
    }

    /**
     * A calibrator recipe.
     *
     * @param minimax after the logistic fit, a Platt scaling of its score chosen for the lowest largest clip ECE over
     *                the fitting corpora (a new corpus is scored like the worst one seen)
     */
    record Candidate(String name, List<String> inputs, Target target, boolean minimax) {
    }

    static final List<Candidate> CANDIDATES = candidates();

    private static List<Candidate> candidates() {
        List<Candidate> out = new ArrayList<>();
        Map<String, List<String>> sets = new LinkedHashMap<>();
        sets.put("top", List.of("LOG_TOP"));
        List<String> members = new ArrayList<>(List.of("LOG_TOP"));
        members.addAll(MEMBERS);
        sets.put("top, members", members);
        List<String> backing = new ArrayList<>(members);
        backing.addAll(List.of("MEMBER_LOG_AT_TOP:" + R, "MEMBER_LOG_AT_TOP:" + S));
        sets.put("top, members, backing", backing);
        List<String> shape = new ArrayList<>(members);
        shape.addAll(List.of("MARGIN", "ENTROPY"));
        sets.put("top, members, margin, entropy", shape);
        for (Target t : Target.values()) {
            for (var e : sets.entrySet()) {
                out.add(new Candidate("logistic (" + t.name().toLowerCase(Locale.ROOT) + "): " + e.getKey(), e.getValue(), t, false));
            }
        }
        for (String s : List.of("top", "top, members")) {
            out.add(new Candidate("minimax (clip): " + s, sets.get(s), Target.CLIP, true));
        }
        return List.copyOf(out);
    }

    @Option(names = "--manifest", description = "manifest.tsv of scripts/data/prepare_speech_corpora.sh (needed when --probabilities does not exist yet)")
    private Path manifest;
    @Option(names = "--cache", description = "feature cache directory (default: <manifest dir>/feature-cache)")
    private Path cache;
    @Option(names = "--model", description = "an ensemble directory (default: the bundled one); its window probabilities before any calibrator are read")
    private Path model;
    @Option(names = "--speakers", split = ",", description = "only these speakers: the held-out ones, that no member trained on")
    private Set<String> speakers;
    @Option(names = "--max-per-corpus", defaultValue = "0", description = "at most this many clips per corpus, spread over its speakers (0: all)")
    private int maxPerCorpus;
    @Option(names = "--threads", defaultValue = "2", description = "threads for feature extraction")
    private int threads;
    @Option(names = "--probabilities", required = true, description = "the window probabilities' cache (TSV): written when absent, read when present")
    private Path probabilities;
    @Option(names = "--calibrator", description = "the candidate to write (default: the rule's choice); one of the names printed")
    private String chosen;
    @Option(names = "--write", description = "an ensemble directory to ship the calibrator in (fitted on all the clips)")
    private Path write;
    @Option(names = "--model-version", description = "version written into the ensemble with --write")
    private String modelVersion;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(probabilities)) {
            readWindows();
        }
        List<String> names = VoiceCalibrationData.members(probabilities);
        List<VoiceCalibrationData.Clip> clips = VoiceCalibrationData.read(probabilities);
        List<String> corpora = clips.stream().map(VoiceCalibrationData.Clip::corpus).distinct().toList();
        System.out.printf(Locale.ROOT, "%d clips x versions, %d windows, corpora %s, members %s%n%n", clips.size(),
                clips.stream().mapToInt(c -> c.windows().size()).sum(), corpora, names);

        Map<String, double[]> worst = new LinkedHashMap<>();
        System.out.println("Each corpus read with the calibrator fitted on the other corpora (clean + telephone); clip ECE per version, "
                + "accuracy, mean confidence; window ECE (windows' confidence x reliability against their own dominant category).");
        System.out.println();
        System.out.println("| candidate | corpus | clean accuracy | mean confidence | ECE | telephone accuracy | mean confidence | ECE | window ECE clean / telephone |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        List<String> all = new ArrayList<>(List.of(AS_SHIPPED, TEMPERATURE));
        CANDIDATES.forEach(c -> all.add(c.name()));
        for (String name : all) {
            List<Double> eces = new ArrayList<>();
            for (String corpus : corpora) {
                List<VoiceCalibrationData.Clip> train = clips.stream().filter(c -> !c.corpus().equals(corpus)).toList();
                Function<VoiceCalibrationData.Window, float[]> cal = fit(name, train, names);
                String[] cells = new String[2];
                double[] windowEce = new double[2];
                for (int v = 0; v < 2; v++) {
                    int version = v;
                    List<VoiceCalibrationData.Clip> test = clips.stream().filter(c -> c.corpus().equals(corpus) && c.version() == version).toList();
                    CalibrationMetrics.Summary s = clipMetrics(test, cal);
                    windowEce[v] = windowMetrics(test, cal).ece();
                    eces.add(s.ece());
                    cells[v] = String.format(Locale.ROOT, "%.3f | %.3f | %.3f", s.accuracy(), s.meanConfidence(), s.ece());
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.3f / %.3f |%n", name, corpus, cells[0], cells[1], windowEce[0], windowEce[1]);
            }
            double max = eces.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            double mean = eces.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            worst.put(name, new double[] {max, mean});
        }
        System.out.println();
        System.out.println("| candidate | inputs | largest clip ECE (corpora x clean/telephone) | mean |");
        System.out.println("| --- | --- | --- | --- |");
        for (var e : worst.entrySet()) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f |%n", e.getKey(), inputs(e.getKey()), e.getValue()[0], e.getValue()[1]);
        }
        String choice = choose(worst);
        System.out.printf(Locale.ROOT, "%nchosen by the rule: %s (largest %.3f, mean %.3f); as shipped: largest %.3f, mean %.3f%n", choice,
                worst.get(choice)[0], worst.get(choice)[1], worst.get(AS_SHIPPED)[0], worst.get(AS_SHIPPED)[1]);

        summaryRound(clips, corpora, worst.get(AS_SHIPPED));
        inSample(clips, corpora, names);

        if (write != null) {
            String name = chosen != null ? chosen : choice;
            Candidate c = CANDIDATES.stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--calibrator must be a logistic candidate, one of the names above; was " + name));
            VoiceConfidenceCalibrator cal = fitCalibrator(c, clips, names, "");
            ship(cal, c, clips, corpora, name.equals(choice));
        }
        return 0;
    }

    /** Round 2: window readings as shipped, the summary's confidence a logistic function of the clip's own evidence. */
    record SummaryCandidate(String name, List<String> inputs) {
    }

    static final List<SummaryCandidate> SUMMARY_CANDIDATES = List.of(
            new SummaryCandidate("summary: mean", List.of("MEAN_LOGIT")),
            new SummaryCandidate("summary: mean, agreement", List.of("MEAN_LOGIT", "AGREEMENT_SHARE")),
            new SummaryCandidate("summary: mean, agreement, members", List.of("MEAN_LOGIT", "AGREEMENT_SHARE", "MEMBER_AGREEMENT_SHARE")),
            new SummaryCandidate("summary: mean, agreement, windows, reliability",
                    List.of("MEAN_LOGIT", "AGREEMENT_SHARE", "LOG_WINDOWS", "MEAN_RELIABILITY")));

    private static void summaryRound(List<VoiceCalibrationData.Clip> clips, List<String> corpora, double[] shipped) {
        System.out.println();
        System.out.println("Round 2: windows as shipped; the summary's confidence from the clip's own evidence, fitted on the other corpora.");
        System.out.println();
        System.out.println("| candidate | corpus | clean accuracy | mean confidence | ECE | telephone accuracy | mean confidence | ECE |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        Map<String, double[]> worst = new LinkedHashMap<>();
        worst.put(AS_SHIPPED, shipped);
        Map<String, Integer> inputs = new LinkedHashMap<>();
        inputs.put(AS_SHIPPED, 0);
        for (SummaryCandidate c : SUMMARY_CANDIDATES) {
            inputs.put(c.name(), c.inputs().size());
            List<Double> eces = new ArrayList<>();
            for (String corpus : corpora) {
                double[] beta = fitSummary(c, clips.stream().filter(x -> !x.corpus().equals(corpus)).toList());
                String[] cells = new String[2];
                for (int v = 0; v < 2; v++) {
                    int version = v;
                    List<VoiceCalibrationData.Clip> test = clips.stream().filter(x -> x.corpus().equals(corpus) && x.version() == version).toList();
                    double[] conf = new double[test.size()];
                    boolean[] hit = new boolean[test.size()];
                    for (int i = 0; i < conf.length; i++) {
                        VoiceCalibrationData.Clip clip = test.get(i);
                        VoiceCalibrationData.Summary s = VoiceCalibrationData.summarize(clip, VoiceCalibrationData.Window::combined);
                        hit[i] = s.right(clip.truth());
                        conf[i] = clip.windows().isEmpty() ? 0 : sigmoid(beta, summaryInputs(clip, c.inputs()));
                    }
                    CalibrationMetrics.Summary m = CalibrationMetrics.summarize(conf, hit);
                    eces.add(m.ece());
                    cells[v] = String.format(Locale.ROOT, "%.3f | %.3f | %.3f", m.accuracy(), m.meanConfidence(), m.ece());
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", c.name(), corpus, cells[0], cells[1]);
            }
            worst.put(c.name(), new double[] {eces.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                    eces.stream().mapToDouble(Double::doubleValue).average().orElseThrow()});
        }
        System.out.println();
        System.out.println("| candidate | inputs | largest clip ECE (corpora x clean/telephone) | mean |");
        System.out.println("| --- | --- | --- | --- |");
        for (var e : worst.entrySet()) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f |%n", e.getKey(), inputs.get(e.getKey()), e.getValue()[0], e.getValue()[1]);
        }
        String choice = choose(worst, inputs::get);
        boolean ships = !choice.equals(AS_SHIPPED) && worst.get(choice)[0] < shipped[0] - TIE;
        System.out.printf(Locale.ROOT, "%nround 2 by the rule: %s (largest %.3f, mean %.3f); ships only if its largest is below %.3f: %s%n", choice,
                worst.get(choice)[0], worst.get(choice)[1], shipped[0] - TIE, ships ? "yes" : "no");
    }

    /**
     * A diagnostic, not a held-out figure: each candidate fitted on all the corpora and read on each of them. If even
     * this cannot bring every corpus's ECE down, the inputs do not carry what tells the corpora apart.
     */
    private static void inSample(List<VoiceCalibrationData.Clip> clips, List<String> corpora, List<String> names) {
        System.out.println();
        System.out.println("In sample (fitted on all corpora, read on each: a diagnostic, not a held-out figure): per-corpus clip ECE, clean / telephone");
        System.out.println();
        System.out.println("| candidate | " + String.join(" | ", corpora) + " | largest |");
        System.out.println("|" + " --- |".repeat(corpora.size() + 2));
        List<String> all = new ArrayList<>(List.of(AS_SHIPPED, TEMPERATURE));
        CANDIDATES.forEach(c -> all.add(c.name()));
        for (String name : all) {
            Function<VoiceCalibrationData.Window, float[]> cal = fit(name, clips, names);
            StringBuilder row = new StringBuilder("| " + name + " |");
            double max = 0;
            for (String corpus : corpora) {
                double[] e = new double[2];
                for (int v = 0; v < 2; v++) {
                    int version = v;
                    e[v] = clipMetrics(clips.stream().filter(c -> c.corpus().equals(corpus) && c.version() == version).toList(), cal).ece();
                    max = Math.max(max, e[v]);
                }
                row.append(String.format(Locale.ROOT, " %.3f / %.3f |", e[0], e[1]));
            }
            System.out.println(row.append(String.format(Locale.ROOT, " %.3f |", max)));
        }
    }

    /** A clip's summary inputs, read from its windows at the model's temperature. */
    static double[] summaryInputs(VoiceCalibrationData.Clip clip, List<String> names) {
        int d = VoiceCalibrationData.summarize(clip, VoiceCalibrationData.Window::combined).predicted();
        int n = clip.windows().size();
        double conf = 0;
        double agree = 0;
        double members = 0;
        double rel = 0;
        for (VoiceCalibrationData.Window w : clip.windows()) {
            conf += Math.min(1, w.combined()[Spectrum.dominantIndex(w.combined())] * (double) w.reliability()) / n;
            agree += Spectrum.dominantIndex(w.combined()) == d ? 1.0 / n : 0;
            boolean all = true;
            for (float[] m : w.members()) {
                all &= Spectrum.dominantIndex(m) == d;
            }
            members += all ? 1.0 / n : 0;
            rel += w.reliability() / (double) n;
        }
        double m = Math.max(1e-3, Math.min(1 - 1e-3, conf));
        double[] x = new double[names.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (names.get(i)) {
                case "MEAN_LOGIT" -> Math.log(m / (1 - m));
                case "AGREEMENT_SHARE" -> agree;
                case "MEMBER_AGREEMENT_SHARE" -> members;
                case "LOG_WINDOWS" -> Math.log(n);
                case "MEAN_RELIABILITY" -> rel;
                default -> throw new IllegalArgumentException(names.get(i));
            };
        }
        return x;
    }

    /** Logistic regression of "the summary is right" on raw inputs (no standardization needed at this size), corpora weighing the same. */
    static double[] fitSummary(SummaryCandidate c, List<VoiceCalibrationData.Clip> train) {
        List<VoiceCalibrationData.Clip> scored = train.stream().filter(x -> !x.windows().isEmpty()).toList();
        Map<String, Long> perCorpus = new LinkedHashMap<>();
        scored.forEach(x -> perCorpus.merge(x.corpus(), 1L, Long::sum));
        double[][] x = new double[scored.size()][];
        double[] y = new double[scored.size()];
        double[] w = new double[scored.size()];
        for (int i = 0; i < x.length; i++) {
            VoiceCalibrationData.Clip clip = scored.get(i);
            x[i] = summaryInputs(clip, c.inputs());
            y[i] = VoiceCalibrationData.summarize(clip, VoiceCalibrationData.Window::combined).right(clip.truth()) ? 1 : 0;
            w[i] = x.length / (double) (perCorpus.size() * perCorpus.get(clip.corpus()));
        }
        return ConfidenceCalibrators.newton(x, y, w, 1e-4);
    }

    private static double sigmoid(double[] beta, double[] x) {
        double z = beta[beta.length - 1];
        for (int i = 0; i < x.length; i++) {
            z += beta[i] * x[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    private void readWindows() throws IOException {
        if (manifest == null) {
            throw new IllegalArgumentException("--probabilities " + probabilities + " does not exist: give --manifest (and --speakers) to write it");
        }
        List<SpeechCorpora.Clip> list = SpeechCorpora.cap(SpeechCorpora.read(manifest), maxPerCorpus);
        CorpusFeatures store = new CorpusFeatures(io.emospectrum.audio.features.FeatureConfig.DEFAULT);
        Path cacheDir = cache != null ? cache : manifest.toAbsolutePath().getParent().resolve("feature-cache");
        List<CorpusFeatures.Item> items = store.load(list, cacheDir, 7, threads);
        if (speakers != null) {
            items = items.stream().filter(i -> speakers.contains(i.clip().speaker())).toList();
        }
        ModelSource source = model != null ? ModelSource.path(model)
                : ModelSource.bundled(VoiceModel.BUNDLED, GruVoiceProvider.class, VoiceModel.BUNDLED_MANIFEST_SHA256);
        long t0 = System.nanoTime();
        try (VoiceModel m = VoiceModel.load(source, null, DeviceChoice.CPU, ModelFiles.defaultCache())) {
            if (m.nets() < 2) {
                throw new IllegalArgumentException(m.id() + " is not an ensemble: a voice calibrator reads an ensemble's members");
            }
            List<VoiceCalibrationData.Clip> clips = VoiceCalibrationData.score(m, store, items);
            VoiceCalibrationData.write(clips, m.memberNames(), probabilities);
            System.out.printf(Locale.ROOT, "read %d clips clean and telephone with %s in %.0f s; cached in %s%n", items.size(), m.id(),
                    (System.nanoTime() - t0) / 1e9, probabilities);
        }
    }

    /** The rule: the lowest largest ECE; within {@value #TIE} of it, the lowest mean; then fewer inputs. */
    static String choose(Map<String, double[]> worst) {
        return choose(worst, TrainVoiceCalibratorCommand::inputs);
    }

    static String choose(Map<String, double[]> worst, Function<String, Integer> inputCount) {
        double best = worst.values().stream().mapToDouble(v -> v[0]).min().orElseThrow();
        String choice = null;
        for (var e : worst.entrySet()) {
            if (e.getValue()[0] > best + TIE) {
                continue;
            }
            if (choice == null) {
                choice = e.getKey();
                continue;
            }
            double[] c = worst.get(choice);
            double[] v = e.getValue();
            if (v[1] < c[1] - 1e-12 || (Math.abs(v[1] - c[1]) <= 1e-12 && inputCount.apply(e.getKey()) < inputCount.apply(choice))) {
                choice = e.getKey();
            }
        }
        return choice;
    }

    private static int inputs(String name) {
        return CANDIDATES.stream().filter(c -> c.name().equals(name)).findFirst().map(c -> c.inputs().size()).orElse(name.equals(AS_SHIPPED) ? 0 : 1);
    }

    /** A candidate fitted on {@code train}, as what it does to a window's distribution. */
    private static Function<VoiceCalibrationData.Window, float[]> fit(String name, List<VoiceCalibrationData.Clip> train, List<String> names) {
        if (name.equals(AS_SHIPPED)) {
            return VoiceCalibrationData.Window::combined;
        }
        if (name.equals(TEMPERATURE)) {
            double t = fitTemperature(train);
            return w -> temper(w.combined(), t);
        }
        Candidate c = CANDIDATES.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        VoiceConfidenceCalibrator cal = fitCalibrator(c, train, names, "");
        return w -> cal.apply(w.combined(), w.members(), names);
    }

    /**
     * Weighted logistic regression of the target on the standardized inputs over the windows of {@code train}: every
     * corpus weighs the same, and within it every clip (so long clips do not outvote short ones).
     */
    static VoiceConfidenceCalibrator fitCalibrator(Candidate c, List<VoiceCalibrationData.Clip> train, List<String> names, String fittedOn) {
        Map<String, Integer> clipsPerCorpus = new LinkedHashMap<>();
        for (VoiceCalibrationData.Clip clip : train) {
            if (!clip.windows().isEmpty()) {
                clipsPerCorpus.merge(clip.corpus(), 1, Integer::sum);
            }
        }
        List<double[]> rows = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        List<VoiceCalibrationData.Clip> owner = new ArrayList<>();
        for (VoiceCalibrationData.Clip clip : train) {
            if (clip.windows().isEmpty()) {
                continue;
            }
            boolean clipRight = VoiceCalibrationData.summarize(clip, VoiceCalibrationData.Window::combined).right(clip.truth());
            double w = 1.0 / (clipsPerCorpus.get(clip.corpus()) * clip.windows().size());
            for (VoiceCalibrationData.Window win : clip.windows()) {
                double[] x = new double[c.inputs().size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = VoiceConfidenceCalibrator.input(c.inputs().get(i), win.combined(), win.members(), names);
                }
                rows.add(x);
                boolean right = c.target() == Target.CLIP ? clipRight : Spectrum.dominantIndex(win.combined()) == clip.truth();
                ys.add(right ? 1.0 : 0.0);
                ws.add(w);
                owner.add(clip);
            }
        }
        int n = rows.size();
        int d = c.inputs().size();
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] x : rows) {
            for (int i = 0; i < d; i++) {
                mean[i] += x[i] / n;
            }
        }
        for (double[] x : rows) {
            for (int i = 0; i < d; i++) {
                scale[i] += (x[i] - mean[i]) * (x[i] - mean[i]) / n;
            }
        }
        for (int i = 0; i < d; i++) {
            scale[i] = Math.max(1e-6, Math.sqrt(scale[i]));
        }
        double[][] z = new double[n][d];
        double[] y = new double[n];
        double[] w = new double[n];
        double wSum = ws.stream().mapToDouble(Double::doubleValue).sum();
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) {
                z[r][i] = (rows.get(r)[i] - mean[i]) / scale[i];
            }
            y[r] = ys.get(r);
            w[r] = ws.get(r) * n / wSum; // mean weight 1, so that the penalty reads the same for any data size
        }
        double[] beta = ConfidenceCalibrators.newton(z, y, w, 1e-4);
        if (c.minimax()) {
            beta = minimax(beta, z, owner);
        }
        String note = fittedOn.isEmpty() ? c.name() : fittedOn;
        return new VoiceConfidenceCalibrator(c.inputs(), mean, scale, java.util.Arrays.copyOf(beta, d), beta[d], note);
    }

    /**
     * Platt scaling {@code sigmoid(a + b s)} of the fitted score s chosen for the lowest largest clip ECE over the fitting
     * corpora (clip confidence = mean of window confidence x reliability; the clip's dominant category as at the model's
     * temperature: re-tempering keeps each window's), folded back into the coefficients.
     */
    private static double[] minimax(double[] beta, double[][] z, List<VoiceCalibrationData.Clip> owner) {
        int d = beta.length - 1;
        double[] score = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            score[i] = beta[d];
            for (int k = 0; k < d; k++) {
                score[i] += beta[k] * z[i][k];
            }
        }
        // The windows of each clip are consecutive rows.
        Map<String, List<int[]>> clipsByCorpus = new LinkedHashMap<>();
        Map<int[], Boolean> right = new java.util.IdentityHashMap<>();
        Map<int[], double[]> rel = new java.util.IdentityHashMap<>();
        int i = 0;
        while (i < owner.size()) {
            VoiceCalibrationData.Clip clip = owner.get(i);
            int[] span = {i, i + clip.windows().size()};
            clipsByCorpus.computeIfAbsent(clip.corpus(), k -> new ArrayList<>()).add(span);
            right.put(span, VoiceCalibrationData.summarize(clip, VoiceCalibrationData.Window::combined).right(clip.truth()));
            rel.put(span, clip.windows().stream().mapToDouble(VoiceCalibrationData.Window::reliability).toArray());
            i = span[1];
        }
        List<List<int[]>> groups = new ArrayList<>(clipsByCorpus.values());
        return ConfidenceCalibrators.minimaxPlatt(beta, 0.25, -2, 0.05, groups.size(), (g, a, b) -> {
            List<int[]> spans = groups.get(g);
            double[] conf = new double[spans.size()];
            boolean[] hit = new boolean[spans.size()];
            for (int k = 0; k < spans.size(); k++) {
                int[] s = spans.get(k);
                double[] r = rel.get(s);
                double sum = 0;
                for (int j = s[0]; j < s[1]; j++) {
                    sum += Math.min(1, r[j - s[0]] / (1 + Math.exp(-(a + b * score[j]))));
                }
                conf[k] = sum / (s[1] - s[0]);
                hit[k] = right.get(s);
            }
            return CalibrationMetrics.summarize(conf, hit).ece();
        });
    }

    /** One more temperature on the ensemble's windows, in [0.3, 3]: the lowest negative log-likelihood of the true category, each clip weighing the same. */
    static double fitTemperature(List<VoiceCalibrationData.Clip> train) {
        double best = 1;
        double bestNll = Double.MAX_VALUE;
        for (double t = 0.3; t <= 3.0001; t += 0.025) {
            double nll = 0;
            for (VoiceCalibrationData.Clip c : train) {
                for (VoiceCalibrationData.Window w : c.windows()) {
                    nll -= Math.log(Math.max(1e-9, temper(w.combined(), t)[c.truth()])) / c.windows().size();
                }
            }
            if (nll < bestNll) {
                bestNll = nll;
                best = t;
            }
        }
        return best;
    }

    static float[] temper(float[] p, double t) {
        double[] q = new double[p.length];
        double z = 0;
        for (int j = 0; j < p.length; j++) {
            q[j] = Math.pow(Math.max(p[j], 1e-12), 1 / t);
            z += q[j];
        }
        float[] out = new float[p.length];
        for (int j = 0; j < p.length; j++) {
            out[j] = (float) (q[j] / z);
        }
        return out;
    }

    static CalibrationMetrics.Summary clipMetrics(List<VoiceCalibrationData.Clip> clips, Function<VoiceCalibrationData.Window, float[]> cal) {
        double[] conf = new double[clips.size()];
        boolean[] hit = new boolean[clips.size()];
        for (int i = 0; i < conf.length; i++) {
            VoiceCalibrationData.Summary s = VoiceCalibrationData.summarize(clips.get(i), cal);
            conf[i] = s.confidence();
            hit[i] = s.right(clips.get(i).truth());
        }
        return CalibrationMetrics.summarize(conf, hit);
    }

    static CalibrationMetrics.Summary windowMetrics(List<VoiceCalibrationData.Clip> clips, Function<VoiceCalibrationData.Window, float[]> cal) {
        List<Double> conf = new ArrayList<>();
        List<Boolean> hit = new ArrayList<>();
        for (VoiceCalibrationData.Clip c : clips) {
            for (VoiceCalibrationData.Window w : c.windows()) {
                float[] q = cal.apply(w);
                int top = Spectrum.dominantIndex(q);
                conf.add(Math.min(1, q[top] * (double) w.reliability()));
                hit.add(top == c.truth());
            }
        }
        boolean[] h = new boolean[hit.size()];
        for (int i = 0; i < h.length; i++) {
            h[i] = hit.get(i);
        }
        return CalibrationMetrics.summarize(conf.stream().mapToDouble(Double::doubleValue).toArray(), h);
    }

    /** Writes the calibrator into the ensemble directory, sets its version, adds a NOTICE section and rewrites SHA256SUMS. */
    private void ship(VoiceConfidenceCalibrator fitted, Candidate c, List<VoiceCalibrationData.Clip> clips, List<String> corpora,
                      boolean rulesChoice) throws IOException {
        Path ensembleFile = write.resolve(VoiceEnsembleConfig.FILE_NAME);
        if (!Files.isRegularFile(ensembleFile)) {
            throw new IllegalArgumentException(write + " is not an ensemble directory (no " + VoiceEnsembleConfig.FILE_NAME + ")");
        }
        VoiceEnsembleConfig e = VoiceEnsembleConfig.read(ensembleFile);
        long speakersCount = clips.stream().map(VoiceCalibrationData.Clip::speaker).distinct().count();
        String fittedOn = String.format(Locale.ROOT, "%s, fitted on %d clips (clean and telephone copies) of %d held-out speakers of %s "
                        + "(no member trained on them), each corpus weighing the same; %s (emospectrum-tools train voice-calibrator)",
                c.name(), clips.stream().map(VoiceCalibrationData.Clip::id).distinct().count(), speakersCount, corpora,
                rulesChoice ? "chosen by leave-one-corpus-out cross-fitting (docs/experiments/modality-audio.md)"
                        : "named with --calibrator, not the leave-one-corpus-out rule's choice");
        VoiceConfidenceCalibrator cal = new VoiceConfidenceCalibrator(fitted.inputs(), fitted.inputMean(), fitted.inputScale(),
                fitted.weights(), fitted.bias(), fittedOn);
        cal.write(write.resolve(VoiceConfidenceCalibrator.FILE_NAME));
        String oldVersion = e.version();
        Map<String, Object> training = new LinkedHashMap<>(e.training());
        training.put("confidence", "per-window calibrator " + VoiceConfidenceCalibrator.FILE_NAME + ": " + fittedOn);
        String version = modelVersion != null ? modelVersion : oldVersion;
        new VoiceEnsembleConfig(e.name(), version, e.labels(), e.combination(), e.temperature(), e.members(), training).write(ensembleFile);

        Path notice = write.resolve("NOTICE");
        String text = Files.readString(notice, StandardCharsets.UTF_8);
        text = text.replaceFirst("(?m)^(EmoSpectrum voice model " + java.util.regex.Pattern.quote(e.name()) + ") "
                + java.util.regex.Pattern.quote(oldVersion) + "$", "$1 " + java.util.regex.Matcher.quoteReplacement(version));
        int at = text.indexOf(NOTICE_SECTION);
        if (at >= 0) {
            int end = text.indexOf("\n\n", at);
            text = text.substring(0, at) + (end < 0 ? "" : text.substring(end + 2));
        }
        int members = text.indexOf("\n---- member ");
        String section = NOTICE_SECTION + " per-window confidence (" + String.join(", ", cal.inputs()) + "); " + fittedOn
                + ". Same data and licences as the members below; no clip it was fitted on trained a member.\n\n";
        text = members < 0 ? text + "\n" + section : text.substring(0, members + 1) + section + text.substring(members + 1);
        Files.writeString(notice, text, StandardCharsets.UTF_8);

        List<String> lines = new ArrayList<>();
        Path sums = write.resolve(ModelManifest.FILE_NAME);
        List<String> files = new ArrayList<>(ModelManifest.read(sums).files().keySet());
        if (!files.contains(VoiceConfidenceCalibrator.FILE_NAME)) {
            files.add(VoiceConfidenceCalibrator.FILE_NAME);
        }
        for (String f : files) {
            lines.add(ModelManifest.sha256(write.resolve(f)) + "  " + f);
        }
        Files.write(sums, lines, StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "wrote %s (%s) into %s, version %s; SHA-256 of SHA256SUMS: %s%n", VoiceConfidenceCalibrator.FILE_NAME,
                c.name(), write, version, ModelManifest.sha256(sums));
    }

    static final String NOTICE_SECTION = VoiceConfidenceCalibrator.FILE_NAME + ":";
}
