package io.emospectrum.tools.text;

import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelManifest;
import io.emospectrum.model.ModelSource;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.Tempering;
import io.emospectrum.text.TextModels;
import io.emospectrum.text.encoder.FineTunedEncoderFiles;
import io.emospectrum.text.head.CategoryEnsemble;
import io.emospectrum.text.head.CategoryHead;
import io.emospectrum.text.head.HeadConfig;
import io.emospectrum.text.normalize.EmojiNames;
import io.emospectrum.text.score.ConfidenceCalibration;
import io.emospectrum.text.score.ConfidenceCalibrator;
import io.emospectrum.text.score.ConfidenceCalibrator.Input;
import io.emospectrum.text.score.TextCues;
import io.emospectrum.text.tokenize.TextTokenizer;
import io.emospectrum.text.tokenize.TokenWindow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code text-confidence}: per-input confidence calibrators for the multi-corpus default, compared by
 * nested leave-one-corpus-out on cached features. For each left-out corpus O, with S the other corpora:
 * each corpus h of S has its dev split read by the recipe's model trained on S without h (cross-fitted,
 * so every calibration row is from a domain its model did not see); the temperature and the calibrator
 * are fitted on those rows (every corpus weighing the same), optionally with S's dev splits read by the
 * model trained on all of S (in-domain rows); then O's split is read by the model trained on S and scored.
 * Nothing of O is used for fitting. Centroids for the familiarity input come from the training splits the
 * model of each row was trained on.
 *
 * <pre>./emospectrum-tools evaluate text-confidence --features /work/data-extra/text-features [--split dev]
 * ./emospectrum-tools evaluate text-confidence --features ... --write modality-text/src/main/resources --calibrator NAME
 * ./emospectrum-tools evaluate text-confidence --features ... --split test --domain-labels 50,100,200   # what labelled texts of a domain buy</pre>
 */
@Command(name = "text-confidence", mixinStandardHelpOptions = true,
        description = "Nested leave-one-corpus-out comparison of per-input confidence calibrators for the corpora default; --write ships one.")
public final class ConfidenceCalibrators implements Callable<Integer> {
    /** The recipe of the shipped corpora default (docs/text-corpora.md). */
    static final String SHIPPED_RECIPE = "ensemble 0.5 masked priors balanced smoothed nested-T";
    /**
     * The corpus the label head and the encoder were trained on: no model here has it truly left out, so the choice of a
     * calibrator does not count its row.
     */
    static final String NOT_LEFT_OUT = "goemotions";
    /** A (corpus, category) with fewer training rows than this has no centroid. */
    private static final int MIN_CENTROID_ROWS = 20;

    @Mixin
    private CorpusFoldOptions corpusFolds;
    @Option(names = "--calibrators", split = ";", description = "only these calibrators (by name, separated by ;)")
    private List<String> optCalibrators;
    @Option(names = "--write", description = "resources root (modality-text/src/main/resources): fit --calibrator for the shipped corpora variant and write it there")
    private String optWrite;
    @Option(names = "--calibrator", description = "the calibrator --write fits")
    private String optCalibrator;
    @Option(names = "--familiarity", defaultValue = "sample", description = "reference points of the familiarity input: centroids (one per corpus and category, nearest) "
            + "or sample (a sample of training rows in a random projection, mean of the nearest --neighbours); default: ${DEFAULT-VALUE}")
    private String optFamiliarity;
    @Option(names = "--projection", defaultValue = "64", description = "dimensions of the random projection (sample); default: ${DEFAULT-VALUE}")
    private int optProjection;
    @Option(names = "--sample", defaultValue = "1000", description = "training rows kept as references, equally per corpus (sample); default: ${DEFAULT-VALUE}")
    private int optSample;
    @Option(names = "--neighbours", defaultValue = "10", description = "default: ${DEFAULT-VALUE}")
    private int optNeighbours;
    @Option(names = "--cues", description = "print how accurate readings are with and without each text cue (TextCues) on the split, "
            + "left out and in domain, instead of comparing calibrators")
    private boolean optCues;
    @Option(names = "--domain-labels", split = ",", description = "instead of comparing calibrators: for each left-out corpus, fit a "
            + "recalibration (--domain-form) on top of the shipped calibrator on this many labelled texts of its dev split (random samples, "
            + "--repeats of each) and score its test split (with --split dev: one half of its dev split on the other): what a user's own "
            + "labelled texts buy")
    private List<Integer> optDomainLabels;
    @Option(names = "--domain-form", defaultValue = "PLATT", description = "the --domain-labels recalibration: ${COMPLETION-CANDIDATES}; "
            + "default: ${DEFAULT-VALUE}")
    private DomainCalibrationFit.Form optDomainForm;
    @Option(names = "--repeats", defaultValue = "20", description = "random samples per size for --domain-labels; default: ${DEFAULT-VALUE}")
    private int optRepeats;
    @Option(names = "--context-temperature", defaultValue = "1", description = "what --write records as the blended conversation turn's temperature (fitted by evaluate text-context --fit-temperature)")
    private double optContextTemperature;

    /**
     * @param inputs   the regression's inputs; empty: the temperature alone (the dominant probability as it is)
     * @param inDomain whether the training corpora's dev splits read by the model trained on them are fitting rows too
     */
    record Candidate(String name, List<Input> inputs, boolean inDomain, boolean minimax) {
        Candidate(String name, List<Input> inputs, boolean inDomain) {
            this(name, inputs, inDomain, false);
        }
    }

    /** The name of the candidate that replaces the temperature by the one with the lowest largest ECE over the fitting corpora. */
    static final String MINIMAX = "minimax temperature";
    private static final List<Input> HEADS = List.of(Input.LOG_TOP, Input.LABEL_HEAD_TOP, Input.CATEGORY_HEAD_TOP, Input.AGREEMENT);
    /** "everything" as it was before the text cues and the dominant-neutral input (so that those candidates keep their meaning). */
    private static final List<Input> EVERYTHING_BUT_CUES = java.util.Arrays.stream(Input.values())
            .filter(i -> !ConfidenceCalibrator.TEXT_CUES.contains(i) && i != Input.DOMINANT_NEUTRAL).toList();

    private static List<Input> headsAnd(Input... more) {
        List<Input> out = new ArrayList<>(HEADS);
        out.addAll(List.of(more));
        return List.copyOf(out);
    }

    static final List<Candidate> CANDIDATES = List.of(
            new Candidate("temperature only (as shipped)", List.of(), false),
            new Candidate("minimax Platt: top", List.of(Input.LOG_TOP), false, true),
            new Candidate("minimax Platt: top, heads", HEADS, false, true),
            new Candidate("minimax Platt: top, heads, tokens", List.of(Input.LOG_TOP, Input.LABEL_HEAD_TOP, Input.CATEGORY_HEAD_TOP,
                    Input.AGREEMENT, Input.LOG_TOKENS), false, true),
            new Candidate("minimax Platt: top, margin, entropy, tokens, familiarity", List.of(Input.LOG_TOP, Input.MARGIN, Input.ENTROPY,
                    Input.LOG_TOKENS, Input.FAMILIARITY), false, true),
            new Candidate("minimax Platt: everything", EVERYTHING_BUT_CUES, false, true),
            new Candidate("minimax Platt: top, heads, familiarity", List.of(Input.LOG_TOP, Input.LABEL_HEAD_TOP, Input.CATEGORY_HEAD_TOP,
                    Input.AGREEMENT, Input.FAMILIARITY), false, true),
            new Candidate("logistic: top, heads, familiarity, with in-domain rows", List.of(Input.LOG_TOP, Input.LABEL_HEAD_TOP,
                    Input.CATEGORY_HEAD_TOP, Input.AGREEMENT, Input.FAMILIARITY), true),
            new Candidate(MINIMAX, List.of(), false),
            new Candidate("logistic: top, heads", HEADS, false),
            new Candidate("logistic: top, margin, entropy, heads", List.of(Input.LOG_TOP, Input.MARGIN, Input.ENTROPY, Input.LABEL_HEAD_TOP,
                    Input.CATEGORY_HEAD_TOP, Input.AGREEMENT), false),
            new Candidate("logistic: top, heads, familiarity", List.of(Input.LOG_TOP, Input.LABEL_HEAD_TOP, Input.CATEGORY_HEAD_TOP,
                    Input.AGREEMENT, Input.FAMILIARITY), false),
            new Candidate("logistic: top, heads, tokens", List.of(Input.LOG_TOP, Input.LABEL_HEAD_TOP, Input.CATEGORY_HEAD_TOP,
                    Input.AGREEMENT, Input.LOG_TOKENS), false),
            new Candidate("logistic: top, heads, with in-domain rows", HEADS, true),
            new Candidate("logistic: everything", EVERYTHING_BUT_CUES, false),
            new Candidate("logistic: top", List.of(Input.LOG_TOP), false),
            new Candidate("logistic: top, margin, entropy", List.of(Input.LOG_TOP, Input.MARGIN, Input.ENTROPY), false),
            new Candidate("logistic: top, margin, entropy, tokens", List.of(Input.LOG_TOP, Input.MARGIN, Input.ENTROPY, Input.LOG_TOKENS), false),
            new Candidate("logistic: top, familiarity", List.of(Input.LOG_TOP, Input.FAMILIARITY), false),
            new Candidate("logistic: top, margin, entropy, familiarity", List.of(Input.LOG_TOP, Input.MARGIN, Input.ENTROPY, Input.FAMILIARITY), false),
            new Candidate("logistic: all five", List.of(Input.LOG_TOP, Input.MARGIN, Input.ENTROPY, Input.LOG_TOKENS, Input.FAMILIARITY), false),
            new Candidate("logistic: all five, with in-domain rows", List.of(Input.LOG_TOP, Input.MARGIN, Input.ENTROPY, Input.LOG_TOKENS,
                    Input.FAMILIARITY), true),
            new Candidate("logistic: top, familiarity, with in-domain rows", List.of(Input.LOG_TOP, Input.FAMILIARITY), true),
            // text cues (docs/experiments/2026-12-06-text-confidence-cues.md), declared before their dev run
            new Candidate("minimax Platt: top, heads, negation, contrast, irony", headsAnd(Input.NEGATION, Input.CONTRAST, Input.IRONY), false, true),
            new Candidate("minimax Platt: top, heads, tweet form", headsAnd(Input.TWEET_FORM), false, true),
            // whether the reading is neutral (a domain may not label neutral: ISEAR, EmoEvent, TEC), declared before its dev run
            new Candidate("minimax Platt: top, heads, neutral", headsAnd(Input.DOMINANT_NEUTRAL), false, true),
            new Candidate("logistic: top, heads, neutral", headsAnd(Input.DOMINANT_NEUTRAL), false),
            new Candidate("minimax Platt: top, heads, question, short", headsAnd(Input.QUESTION, Input.SHORT), false, true),
            new Candidate("minimax Platt: top, heads, question", headsAnd(Input.QUESTION), false, true),
            new Candidate("minimax Platt: top, heads, negation, question", headsAnd(Input.NEGATION, Input.QUESTION), false, true),
            new Candidate("minimax Platt: top, heads, all cues", headsAnd(Input.NEGATION, Input.CONTRAST, Input.IRONY, Input.TWEET_FORM,
                    Input.QUESTION, Input.SHORT), false, true),
            new Candidate("logistic: top, heads, all cues", headsAnd(Input.NEGATION, Input.CONTRAST, Input.IRONY, Input.TWEET_FORM,
                    Input.QUESTION, Input.SHORT), false),
            new Candidate("logistic: top, heads, all cues, with in-domain rows", headsAnd(Input.NEGATION, Input.CONTRAST, Input.IRONY,
                    Input.TWEET_FORM, Input.QUESTION, Input.SHORT), true));

    /**
     * One prediction: the ensemble's distribution (with its temperature), the label head's and the category head's own, gold
     * category, word tokens, familiarity, corpus, fitting weight.
     */
    record Row(float[] p, float[] labelHead, float[] categoryHead, int gold, int tokens, float familiarity, String corpus, double weight,
               TextCues cues) {
        Row(float[] p, float[] labelHead, float[] categoryHead, int gold, int tokens, float familiarity, String corpus, double weight) {
            this(p, labelHead, categoryHead, gold, tokens, familiarity, corpus, weight, TextCues.NONE);
        }
    }

    /** A left-out corpus: its fitting rows (out of domain, in domain) and the rows it is scored on. */
    record Fold(String out, double temperature, List<Row> outOfDomain, List<Row> inDomain, List<Row> scored) {
    }

    @Override
    public Integer call() throws IOException {
        LeaveOneCorpusOut.Data data = LeaveOneCorpusOut.Data.load(corpusFolds.features());
        float[][] shipped = ShippedCategories.of("int8", data.x());
        int[] tokens = wordTokens(data);
        Set<String> corpora = data.corpora();
        SoftmaxHead.Settings settings = corpusFolds.settings();
        MultiCorpusRecipes.Recipe recipe = MultiCorpusRecipes.RECIPES.stream().filter(r -> r.name().equals(SHIPPED_RECIPE)).findFirst().orElseThrow();
        if (optWrite != null) {
            Candidate c = CANDIDATES.stream().filter(x -> x.name().equals(optCalibrator)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--write needs --calibrator, one of " + CANDIDATES.stream().map(Candidate::name).toList()));
            write(Path.of(optWrite), c, data, shipped, tokens, corpora, recipe, settings);
            return 0;
        }
        if (optCues) {
            Fold whole = fold(data, shipped, tokens, corpora, null, corpusFolds.split(), recipe, settings);
            CueTable.print(whole, corpusFolds.split());
            return 0;
        }
        if (optDomainLabels != null) {
            domainLabels(data, shipped, tokens, corpora, recipe, settings);
            return 0;
        }
        List<Fold> folds = new ArrayList<>();
        for (String out : corpora) {
            long t0 = System.nanoTime();
            folds.add(fold(data, shipped, tokens, corpora, out, corpusFolds.split(), recipe, settings));
            System.out.printf(Locale.ROOT, "fold %s: T %.4f, %.1f s%n", out, folds.get(folds.size() - 1).temperature(), (System.nanoTime() - t0) / 1e9);
        }
        Fold whole = corpusFolds.split().equals("dev") ? fold(data, shipped, tokens, corpora, null, corpusFolds.split(), recipe, settings) : null;
        System.out.printf("left-out corpus scored on its %s split; recipe %s%n", corpusFolds.split(), recipe.name());
        System.out.println("| calibrator | left out | n | macro-F1 | accuracy | mean confidence | ECE | AUROC |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        List<String> summary = new ArrayList<>();
        for (Candidate c : CANDIDATES) {
            if (optCalibrators != null && !optCalibrators.contains(c.name())) {
                continue;
            }
            double max = 0;
            double sum = 0;
            double aurocSum = 0;
            double goemotions = Double.NaN;
            for (Fold f : folds) {
                CorpusMetrics.Result m;
                if (c.name().equals(MINIMAX)) {
                    double t = minimaxTemperature(f.outOfDomain());
                    m = scoreWith(f.scored(), r -> Tempering.tempered(r.p(), t));
                } else {
                    ConfidenceCalibrator cal = fit(c, f.outOfDomain(), f.inDomain(), null, 1, "fold");
                    m = score(f.scored(), cal);
                }
                print(c.name(), f.out(), m);
                if (f.out().equals(NOT_LEFT_OUT)) {
                    goemotions = m.ece();
                } else {
                    max = Math.max(max, m.ece());
                    sum += m.ece();
                    aurocSum += m.auroc();
                }
            }
            // in domain: every corpus's dev split read by the model trained on all five, calibrator fitted on the other half of them
            Map<String, CorpusMetrics.Result> in = corpusFolds.split().equals("dev") ? inDomain(c, whole) : Map.of();
            double inMax = 0;
            double inSum = 0;
            double inAuroc = 0;
            for (var e : in.entrySet()) {
                print(c.name() + " (in domain, dev halves)", e.getKey(), e.getValue());
                inMax = Math.max(inMax, e.getValue().ece());
                inSum += e.getValue().ece();
                inAuroc += e.getValue().auroc();
            }
            int counted = folds.size() - (Double.isNaN(goemotions) ? 0 : 1);
            summary.add(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | **%.4f** | %.4f | %.3f / %.3f |", c.name(), max,
                    sum / counted, goemotions, in.isEmpty() ? Double.NaN : inMax, in.isEmpty() ? Double.NaN : inSum / in.size(),
                    Math.max(max, inMax), (sum + inSum) / (counted + in.size()), aurocSum / counted,
                    in.isEmpty() ? Double.NaN : inAuroc / in.size()));
        }
        System.out.println();
        System.out.println("| calibrator | left out: max ECE but GoEmotions | their mean | GoEmotions* | in domain: max ECE | mean | rule: max of both maxima | tie-break: mean of all | mean AUROC: left out but GoEmotions / in domain |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        summary.forEach(System.out::println);
        return 0;
    }

    /** {@code --domain-labels}: the left-out corpora calibrated as the shipped recipe does, then recalibrated on a few of their own labelled texts. */
    private void domainLabels(LeaveOneCorpusOut.Data data, float[][] shipped, int[] tokens, Set<String> corpora, MultiCorpusRecipes.Recipe recipe,
                              SoftmaxHead.Settings settings) {
        Candidate c = CANDIDATES.stream().filter(x -> x.name().equals(CueTable.SHIPPED)).findFirst().orElseThrow();
        List<DomainCalibrationFit.Domain> domains = new ArrayList<>();
        boolean onTest = corpusFolds.split().equals("test");
        for (String out : corpora) {
            Fold dev = fold(data, shipped, tokens, corpora, out, "dev", recipe, settings);
            ConfidenceCalibrator cal = fit(c, dev.outOfDomain(), dev.inDomain(), null, 1, "fold");
            java.util.function.Function<Row, float[]> calibrated = r -> cal.apply(r.p(), r.labelHead(), r.categoryHead(), r.tokens(),
                    r.familiarity(), r.cues());
            List<Row> pool = dev.scored();
            List<Row> scored;
            if (onTest) {
                scored = fold(data, shipped, tokens, corpora, out, "test", recipe, settings).scored();
            } else { // choosing: labelled texts from one half of the dev split, the other half scored
                List<Row> shuffled = new ArrayList<>(pool);
                java.util.Collections.shuffle(shuffled, new java.util.Random(7));
                pool = shuffled.subList(0, shuffled.size() / 2);
                scored = shuffled.subList(shuffled.size() / 2, shuffled.size());
            }
            domains.add(new DomainCalibrationFit.Domain(out, pool.stream().map(calibrated).toList(), pool.stream().mapToInt(Row::gold).toArray(),
                    scored.stream().map(calibrated).toList(), scored.stream().mapToInt(Row::gold).toArray()));
        }
        System.out.printf(Locale.ROOT, "left-out corpus read by the recipe trained on the others, confidence by \"%s\" fitted on them; "
                + "then %s fitted on N labelled texts of %s (%d random samples each), scored on %s%n", c.name(), optDomainForm,
                onTest ? "its dev split" : "one half of its dev split", optRepeats, onTest ? "its test split" : "the other half");
        DomainCalibrationFit.print(domains, optDomainLabels, optRepeats, 7, optDomainForm);
    }

    /**
     * In-domain figures of a candidate: the training corpora's dev splits read by the model trained on them, the calibrator
     * fitted (with its out-of-domain rows) on one half of those rows and scored on the other, both ways.
     */
    static Map<String, CorpusMetrics.Result> inDomain(Candidate c, Fold whole) {
        List<Row> even = new ArrayList<>();
        List<Row> odd = new ArrayList<>();
        for (int i = 0; i < whole.inDomain().size(); i++) {
            (i % 2 == 0 ? even : odd).add(whole.inDomain().get(i));
        }
        Map<Row, float[]> calibrated = new java.util.IdentityHashMap<>();
        for (List<Row> fitHalf : List.of(even, odd)) {
            List<Row> other = fitHalf == even ? odd : even;
            if (c.name().equals(MINIMAX)) {
                double t = minimaxTemperature(whole.outOfDomain());
                other.forEach(r -> calibrated.put(r, Tempering.tempered(r.p(), t)));
            } else {
                ConfidenceCalibrator cal = fit(c, whole.outOfDomain(), fitHalf, null, 1, "half");
                other.forEach(r -> calibrated.put(r, cal == null ? r.p() : cal.apply(r.p(), r.labelHead(), r.categoryHead(), r.tokens(), r.familiarity(), r.cues())));
            }
        }
        Map<String, List<Row>> byCorpus = new LinkedHashMap<>();
        whole.inDomain().forEach(r -> byCorpus.computeIfAbsent(r.corpus(), k -> new ArrayList<>()).add(r));
        Map<String, CorpusMetrics.Result> out = new LinkedHashMap<>();
        byCorpus.forEach((corpus, rs) -> out.put(corpus, scoreWith(rs, calibrated::get)));
        return out;
    }

    private static void print(String name, String out, CorpusMetrics.Result m) {
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f |%n", name, out, m.n(), m.macroF1(), m.accuracy(),
                m.meanConfidence(), m.ece(), m.auroc());
    }

    /** The fitting and scored rows of one left-out corpus (or, with {@code out == null}, of the shipped model: no scored rows). */
    Fold fold(LeaveOneCorpusOut.Data data, float[][] shipped, int[] tokens, Set<String> corpora, String out, String split,
              MultiCorpusRecipes.Recipe recipe, SoftmaxHead.Settings settings) {
        java.util.function.BiFunction<LeaveOneCorpusOut.Data, Set<String>, ConfidenceCalibrator> references = this::references;
        Set<String> s = new LinkedHashSet<>(corpora);
        s.remove(out);
        List<float[]> raw = new ArrayList<>();
        List<float[]> heads = new ArrayList<>();
        List<Integer> gold = new ArrayList<>();
        List<Double> weight = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        List<Float> familiar = new ArrayList<>();
        for (String held : s) {
            Set<String> rest = new LinkedHashSet<>(s);
            rest.remove(held);
            MultiCorpusRecipes.Trained without = new MultiCorpusRecipes.Trained(recipe,
                    MultiCorpusRecipes.trainHead(data, shipped, rest, recipe, settings), ConfidenceCalibration.none());
            ConfidenceCalibrator centroids = references.apply(data, rest);
            List<Integer> dev = data.select(Set.of(held), "dev");
            for (int i : dev) {
                raw.add(without.predict(data.x()[i], shipped[i]));
                heads.add(without.head().predict(data.x()[i]));
                gold.add(data.y()[i]);
                weight.add(1.0 / dev.size());
                index.add(i);
                familiar.add(centroids.familiarity(data.x()[i]));
            }
        }
        double t = MultiCorpusRecipes.fitTemperature(raw, gold, weight);
        List<Row> ood = new ArrayList<>();
        for (int k = 0; k < raw.size(); k++) {
            int i = index.get(k);
            ood.add(new Row(Tempering.tempered(raw.get(k), t), shipped[i], heads.get(k), gold.get(k), tokens[i], familiar.get(k),
                    data.rows().get(i)[2], weight.get(k), TextCues.of(data.rows().get(i)[0])));
        }
        MaskedSoftmaxHead all = MultiCorpusRecipes.trainHead(data, shipped, s, recipe, settings);
        CategoryEnsemble ensemble = new CategoryEnsemble(recipe.ensemble(), t, "fold");
        ConfidenceCalibrator centroids = references.apply(data, s);
        List<Row> in = rows(data, s, "dev", i -> all.predict(data.x()[i]), ensemble, shipped, tokens, centroids);
        List<Row> scored = out == null ? List.of() : rows(data, Set.of(out), split, i -> all.predict(data.x()[i]), ensemble, shipped, tokens, centroids);
        return new Fold(out, t, ood, in, scored);
    }

    /** The rows of some corpora's split read by a category head combined with the label head, every corpus weighing the same. */
    static List<Row> rows(LeaveOneCorpusOut.Data data, Set<String> corpora, String split, java.util.function.IntFunction<float[]> categoryHead,
                          CategoryEnsemble ensemble, float[][] shipped, int[] tokens, ConfidenceCalibrator centroids) {
        List<Row> out = new ArrayList<>();
        for (String c : corpora) {
            List<Integer> idx = data.select(Set.of(c), split);
            for (int i : idx) {
                float[] h = categoryHead.apply(i);
                out.add(new Row(ensemble.combine(h, shipped[i]), shipped[i], h, data.y()[i], tokens[i], centroids.familiarity(data.x()[i]), c,
                        1.0 / idx.size(), TextCues.of(data.rows().get(i)[0])));
            }
        }
        return out;
    }

    /** The temperature (applied on top of the rows' own) with the lowest largest ECE over the rows' corpora. */
    static double minimaxTemperature(List<Row> rows) {
        Map<String, List<Row>> byCorpus = new LinkedHashMap<>();
        rows.forEach(r -> byCorpus.computeIfAbsent(r.corpus(), k -> new ArrayList<>()).add(r));
        double best = 1;
        double bestMax = Double.POSITIVE_INFINITY;
        for (double t = 0.3; t <= 3.0; t += 0.01) {
            double tt = t;
            double max = 0;
            for (List<Row> rs : byCorpus.values()) {
                max = Math.max(max, scoreWith(rs, r -> Tempering.tempered(r.p(), tt)).ece());
            }
            if (max < bestMax) {
                bestMax = max;
                best = t;
            }
        }
        return best;
    }

    /** A calibrator without inputs that holds the familiarity's reference points of the training splits of {@code corpora}. */
    ConfidenceCalibrator references(LeaveOneCorpusOut.Data data, Set<String> corpora) {
        return switch (optFamiliarity) {
            case "centroids" -> centroids(data, corpora);
            case "sample" -> sample(data, corpora, optProjection, optSample, optNeighbours);
            default -> throw new IllegalArgumentException("--familiarity is centroids or sample, was " + optFamiliarity);
        };
    }

    /** Mean of the training splits of {@code corpora}. */
    static float[] mean(LeaveOneCorpusOut.Data data, List<Integer> train) {
        int d = data.x()[0].length;
        double[] mean = new double[d];
        for (int i : train) {
            for (int j = 0; j < d; j++) {
                mean[j] += data.x()[i][j];
            }
        }
        float[] m = new float[d];
        for (int j = 0; j < d; j++) {
            m[j] = (float) (mean[j] / train.size());
        }
        return m;
    }

    private static float[] unit(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        float[] out = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = (float) (v[j] / Math.sqrt(Math.max(1e-12, norm)));
        }
        return out;
    }

    /**
     * One unit-length centred centroid per (corpus, category) of the training splits (those with at least
     * {@value #MIN_CENTROID_ROWS} rows); familiarity is the cosine to the nearest.
     */
    static ConfidenceCalibrator centroids(LeaveOneCorpusOut.Data data, Set<String> corpora) {
        List<Integer> train = data.select(corpora, "train");
        int d = data.x()[0].length;
        float[] m = mean(data, train);
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i : train) {
            String key = data.rows().get(i)[2] + "/" + data.y()[i];
            double[] s = sums.computeIfAbsent(key, k -> new double[d]);
            for (int j = 0; j < d; j++) {
                s[j] += data.x()[i][j] - m[j];
            }
            counts.merge(key, 1, Integer::sum);
        }
        List<float[]> centroids = new ArrayList<>();
        sums.forEach((key, s) -> {
            if (counts.get(key) >= MIN_CENTROID_ROWS) {
                centroids.add(unit(s));
            }
        });
        return new ConfidenceCalibrator(List.of(), new double[0], new double[0], new double[0], 0, m, new float[0][],
                centroids.toArray(new float[0][]), 1, 1, "centroids of " + corpora);
    }

    /**
     * A sample of training rows (the same number per corpus, fixed by the seed) in a Gaussian random projection of the
     * centred features; familiarity is the mean cosine to the {@code k} nearest (an approximate k-nearest-neighbour density).
     */
    static ConfidenceCalibrator sample(LeaveOneCorpusOut.Data data, Set<String> corpora, int dims, int size, int k) {
        List<Integer> train = data.select(corpora, "train");
        int d = data.x()[0].length;
        float[] m = mean(data, train);
        java.util.Random random = new java.util.Random(7);
        float[][] projection = new float[dims][d];
        for (float[] row : projection) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) (random.nextGaussian() / Math.sqrt(dims));
            }
        }
        List<float[]> refs = new ArrayList<>();
        for (String c : corpora) {
            List<Integer> rows = new ArrayList<>(data.select(Set.of(c), "train"));
            java.util.Collections.shuffle(rows, random);
            for (int i : rows.subList(0, Math.min(rows.size(), size / corpora.size()))) {
                double[] v = new double[dims];
                for (int r = 0; r < dims; r++) {
                    double dot = 0;
                    for (int j = 0; j < d; j++) {
                        dot += projection[r][j] * (data.x()[i][j] - m[j]);
                    }
                    v[r] = dot;
                }
                refs.add(unit(v));
            }
        }
        return new ConfidenceCalibrator(List.of(), new double[0], new double[0], new double[0], 0, m, projection,
                refs.toArray(new float[0][]), k, 1, "a sample of " + corpora);
    }

    /**
     * Weighted logistic regression of "the dominant category is right" on the candidate's inputs (standardized; Newton's method,
     * a small L2 penalty). In-domain rows, when the candidate takes them, weigh as much in all as the out-of-domain rows.
     */
    static ConfidenceCalibrator fit(Candidate c, List<Row> outOfDomain, List<Row> inDomain, ConfidenceCalibrator references,
                                    double contextTemperature, String fittedOn) {
        if (c.inputs().isEmpty()) {
            return null;
        }
        List<Row> rows = new ArrayList<>(outOfDomain);
        List<Double> w = new ArrayList<>();
        outOfDomain.forEach(r -> w.add(r.weight()));
        if (c.inDomain()) {
            rows.addAll(inDomain);
            inDomain.forEach(r -> w.add(r.weight()));
        }
        int n = rows.size();
        int d = c.inputs().size();
        double total = w.stream().mapToDouble(Double::doubleValue).sum();
        double[][] x = new double[n][d];
        double[] y = new double[n];
        double[] wt = new double[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            for (int k = 0; k < d; k++) {
                x[i][k] = ConfidenceCalibrator.input(c.inputs().get(k), r.p(), r.labelHead(), r.categoryHead(), r.tokens(), r.familiarity(), r.cues());
            }
            y[i] = Spectrum.dominantIndex(r.p()) == r.gold() ? 1 : 0;
            wt[i] = w.get(i) * n / total;
        }
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int k = 0; k < d; k++) {
            for (int i = 0; i < n; i++) {
                mean[k] += wt[i] * x[i][k] / n;
            }
            for (int i = 0; i < n; i++) {
                scale[k] += wt[i] * Math.pow(x[i][k] - mean[k], 2) / n;
            }
            scale[k] = Math.max(1e-6, Math.sqrt(scale[k]));
            for (int i = 0; i < n; i++) {
                x[i][k] = (x[i][k] - mean[k]) / scale[k];
            }
        }
        double[] beta = newton(x, y, wt, 1e-2);
        if (c.minimax()) {
            beta = minimax(beta, x, rows);
        }
        double[] weights = java.util.Arrays.copyOf(beta, d);
        if (references == null) {
            // fold calibrators score rows whose familiarity is already computed: any reference passes the check
            return new ConfidenceCalibrator(c.inputs(), mean, scale, weights, beta[d], new float[1], new float[0][], new float[][]{{1f}}, 1,
                    contextTemperature, fittedOn);
        }
        if (!c.inputs().contains(Input.FAMILIARITY)) { // ship no reference points it does not read
            return new ConfidenceCalibrator(c.inputs(), mean, scale, weights, beta[d], new float[0], new float[0][], new float[0][], 0,
                    contextTemperature, fittedOn);
        }
        return new ConfidenceCalibrator(c.inputs(), mean, scale, weights, beta[d], references.featureMean(), references.projection(),
                references.references(), references.neighbours(), contextTemperature, fittedOn);
    }

    /**
     * Platt scaling of the fitted score {@code s = beta . x} chosen for the worst corpus, not the pooled rows: the
     * {@code sigmoid(a + b s)} with the lowest largest ECE over the rows' corpora (grid over a and b), folded back into the
     * coefficients. A domain the model has not seen is scored like the worst of the domains it was fitted on.
     */
    static double[] minimax(double[] beta, double[][] x, List<Row> rows) {
        int d = beta.length - 1;
        double[] score = new double[x.length];
        boolean[] hit = new boolean[x.length];
        Map<String, List<Integer>> byCorpus = new LinkedHashMap<>();
        for (int i = 0; i < x.length; i++) {
            score[i] = beta[d];
            for (int k = 0; k < d; k++) {
                score[i] += beta[k] * x[i][k];
            }
            hit[i] = Spectrum.dominantIndex(rows.get(i).p()) == rows.get(i).gold();
            byCorpus.computeIfAbsent(rows.get(i).corpus(), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> groups = new ArrayList<>(byCorpus.values());
        return minimaxPlatt(beta, 0, -3, 0.025, groups.size(), (g, a, b) -> {
            List<Integer> idx = groups.get(g);
            double[] conf = new double[idx.size()];
            boolean[] h = new boolean[idx.size()];
            for (int k = 0; k < idx.size(); k++) {
                conf[k] = 1 / (1 + Math.exp(-(a + b * score[idx.get(k)])));
                h[k] = hit[idx.get(k)];
            }
            return CalibrationMetrics.summarize(conf, h).ece();
        });
    }

    /** The ECE of one group's confidences under the Platt scaling {@code sigmoid(a + b s)} of the fitted score s. */
    @FunctionalInterface
    public interface GroupEce {
        double ece(int group, double a, double b);
    }

    /**
     * The Platt scaling {@code sigmoid(a + b s)} of a fitted logistic score s with the lowest largest ECE over
     * {@code groups} (corpora: a new domain is scored like the worst one seen), searched on the grid b in
     * [{@code lowestB}, 2] by 0.05 and a in [{@code lowestA}, 2] by {@code stepA}, folded back into the coefficients
     * {@code beta} (the last one the intercept).
     */
    public static double[] minimaxPlatt(double[] beta, double lowestB, double lowestA, double stepA, int groups, GroupEce ece) {
        double bestA = 0;
        double bestB = 1;
        double bestMax = Double.POSITIVE_INFINITY;
        for (double b = lowestB; b <= 2.0001; b += 0.05) {
            for (double a = lowestA; a <= 2.0001; a += stepA) {
                double max = 0;
                for (int g = 0; g < groups; g++) {
                    max = Math.max(max, ece.ece(g, a, b));
                    if (max >= bestMax) {
                        break; // this (a, b) cannot win any more
                    }
                }
                if (max < bestMax) {
                    bestMax = max;
                    bestA = a;
                    bestB = b;
                }
            }
        }
        int d = beta.length - 1;
        double[] out = new double[d + 1];
        for (int k = 0; k < d; k++) {
            out[k] = bestB * beta[k];
        }
        out[d] = bestA + bestB * beta[d];
        return out;
    }

    /** Weighted L2-penalized logistic regression by Newton's method; the last coefficient is the (unpenalized) intercept. */
    public static double[] newton(double[][] x, double[] y, double[] w, double l2) {
        int d = x[0].length + 1;
        double[] beta = new double[d];
        for (int it = 0; it < 50; it++) {
            double[] g = new double[d];
            double[][] h = new double[d][d];
            for (int i = 0; i < x.length; i++) {
                double z = beta[d - 1];
                for (int k = 0; k < d - 1; k++) {
                    z += beta[k] * x[i][k];
                }
                double p = 1 / (1 + Math.exp(-z));
                double[] xi = java.util.Arrays.copyOf(x[i], d);
                xi[d - 1] = 1;
                for (int a = 0; a < d; a++) {
                    g[a] += w[i] * (p - y[i]) * xi[a];
                    for (int b = 0; b < d; b++) {
                        h[a][b] += w[i] * p * (1 - p) * xi[a] * xi[b];
                    }
                }
            }
            for (int a = 0; a < d - 1; a++) {
                g[a] += l2 * x.length * beta[a];
                h[a][a] += l2 * x.length;
            }
            double[] step = solve(h, g);
            double size = 0;
            for (int a = 0; a < d; a++) {
                beta[a] -= step[a];
                size = Math.max(size, Math.abs(step[a]));
            }
            if (size < 1e-9) {
                break;
            }
        }
        return beta;
    }

    /** Solves {@code a x = b} (Gaussian elimination with partial pivoting; a is small and positive definite). */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = java.util.Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int k = col; k <= n; k++) {
                    m[r][k] -= f * m[col][k];
                }
            }
        }
        double[] out = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * out[k];
            }
            out[r] = s / m[r][r];
        }
        return out;
    }

    /** Metrics of rows under a calibrator (null: the distribution's dominant probability as it is). */
    static CorpusMetrics.Result score(List<Row> rows, ConfidenceCalibrator cal) {
        return scoreWith(rows, r -> cal == null ? r.p() : cal.apply(r.p(), r.labelHead(), r.categoryHead(), r.tokens(), r.familiarity(), r.cues()));
    }

    /** Metrics of rows under any recalibration of their distribution. */
    static CorpusMetrics.Result scoreWith(List<Row> rows, java.util.function.Function<Row, float[]> calibrate) {
        int[] gold = new int[rows.size()];
        int[] pred = new int[rows.size()];
        double[] conf = new double[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            Row r = rows.get(k);
            float[] p = calibrate.apply(r);
            gold[k] = r.gold();
            pred[k] = Spectrum.dominantIndex(p);
            if (pred[k] != Spectrum.dominantIndex(r.p())) {
                throw new IllegalStateException("the calibrator changed the dominant category");
            }
            conf[k] = p[pred[k]];
        }
        return CorpusMetrics.of(gold, pred, conf, EmotionCategory.COUNT);
    }

    /** Word tokens of every row's text as the extractor counts them (emoji names, special tokens left out, every window). */
    static int[] wordTokens(LeaveOneCorpusOut.Data data) {
        String dir = TextModels.VARIANTS.get(TextModels.CORPORA_VARIANT);
        Path headDir = ModelFiles.defaultCache().materialize(ModelSource.classpath(TextModels.VARIANTS.get("int8"), ConfidenceCalibrators.class), true);
        HeadConfig config = HeadConfig.read(headDir.resolve("head.json"));
        Path encoderDir = FineTunedEncoderFiles.materialize(dir + "/encoder.recipe", ConfidenceCalibrators.class.getClassLoader(),
                ModelFiles.defaultCache().directory());
        EmojiNames emoji = new EmojiNames();
        List<String> texts = new ArrayList<>(data.rows().size());
        for (String[] r : data.rows()) {
            texts.add(emoji.normalize(r[0]).text());
        }
        int[] out = new int[texts.size()];
        try (TextTokenizer tokenizer = TextTokenizer.load(encoderDir.resolve(config.encoder() + "-tokenizer.json"), config.maxTokens(), 0)) {
            for (int from = 0; from < texts.size(); from += 1024) {
                List<List<TokenWindow>> w = tokenizer.windowsAll(texts.subList(from, Math.min(texts.size(), from + 1024)));
                for (int k = 0; k < w.size(); k++) {
                    out[from + k] = w.get(k).stream().mapToInt(x -> Math.max(1, x.wordTokens())).sum();
                }
            }
        }
        return out;
    }

    /**
     * Fits the calibrator for the shipped corpora variant (every corpus's dev split read by the recipe trained without it;
     * in-domain rows read by the shipped head) and writes it beside the model, with NOTICE and SHA256SUMS; prints the
     * variant's test figures with and without it.
     */
    private void write(Path resources, Candidate c, LeaveOneCorpusOut.Data data, float[][] shipped, int[] tokens, Set<String> corpora,
                       MultiCorpusRecipes.Recipe recipe, SoftmaxHead.Settings settings) throws IOException {
        Path dir = resources.resolve(TextModels.VARIANTS.get(TextModels.CORPORA_VARIANT));
        CategoryHead head = CategoryHead.read(dir.resolve(CategoryHead.FILE_NAME));
        CategoryEnsemble ensemble = CategoryEnsemble.read(dir.resolve(CategoryEnsemble.FILE_NAME));
        Fold f = fold(data, shipped, tokens, corpora, null, "test", recipe, settings);
        System.out.printf(Locale.ROOT, "temperature refitted %.4f, shipped %.4f%n", f.temperature(), ensemble.temperature());
        ConfidenceCalibrator centroids = references(data, corpora);
        // in-domain rows as the shipped model reads them
        List<Row> in = rows(data, corpora, "dev", i -> head.predict(data.x()[i]), ensemble, shipped, tokens, centroids);
        String fittedOn = c.name() + "; fitted on leave-one-corpus-out predictions on the dev splits of " + corpora
                + (c.inDomain() ? " and those dev splits read by the model trained on all of them" : "")
                + ", each corpus weighing the same" + (c.inputs().contains(Input.FAMILIARITY) ? "; familiarity references from their training splits" : "");
        ConfidenceCalibrator cal = fit(c, f.outOfDomain(), in, centroids, optContextTemperature, fittedOn);
        if (cal == null) {
            throw new IllegalArgumentException("the temperature alone is what ships already");
        }
        System.out.println("inputs " + cal.inputs() + ", weights " + java.util.Arrays.toString(cal.weights()) + ", bias " + cal.bias()
                + ", " + cal.references().length + " references, context temperature " + cal.contextTemperature());
        System.out.println("| corpus (in domain, test) | n | macro-F1 | accuracy | mean confidence | ECE |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (String corpus : corpora) {
            List<Row> test = rows(data, Set.of(corpus), "test", i -> head.predict(data.x()[i]), ensemble, shipped, tokens, centroids);
            print("before (temperature only)", corpus, score(test, null));
            print("after (" + c.name() + ")", corpus, score(test, cal));
        }
        cal.write(dir.resolve(ConfidenceCalibrator.FILE_NAME));
        String notice = Files.readString(dir.resolve("NOTICE"));
        int at = notice.indexOf(NOTICE_SECTION);
        if (at >= 0) {
            int end = notice.indexOf("\nvalence-arousal.json", at);
            notice = notice.substring(0, at) + notice.substring(end + 1);
        }
        String section = NOTICE_SECTION + " per-input confidence (io.emospectrum.text.score.ConfidenceCalibrator), written by\n"
                + "  io.emospectrum.tools.text.ConfidenceCalibrators (./emospectrum-tools evaluate text-confidence --write): " + fittedOn + ".\n"
                + "  Inputs " + cal.inputs() + (cal.readsFeatures() ? "; familiarity: " + centroids.fittedOn() + ", " + cal.references().length
                + " references, " + cal.projection().length + "-dimension random projection (0: none), mean of the " + cal.neighbours() + " nearest" : "")
                + ". The dominant category is never changed: only how sure the reading is.\n"
                + "  Context temperature " + cal.contextTemperature() + " (a conversation turn after its context blend; DailyDialog validation).\n"
                + "  Data and licences: as the model (the five corpora above).\n";
        int va = notice.indexOf("valence-arousal.json:");
        notice = notice.substring(0, va) + section + notice.substring(va);
        Files.writeString(dir.resolve("NOTICE"), notice);
        StringBuilder sums = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                if (!file.getFileName().toString().equals("SHA256SUMS")) {
                    sums.append(ModelManifest.sha256(file)).append("  ").append(file.getFileName()).append('\n');
                }
            }
        }
        Files.writeString(dir.resolve("SHA256SUMS"), sums.toString());
        System.out.println("wrote " + dir.resolve(ConfidenceCalibrator.FILE_NAME) + "; pin the manifest in TextModels.MANIFEST_SHA256: "
                + ModelManifest.sha256(dir.resolve("SHA256SUMS")));
    }

    /** Where the variant's NOTICE describes the calibrator. */
    static final String NOTICE_SECTION = ConfidenceCalibrator.FILE_NAME + ":";
}
