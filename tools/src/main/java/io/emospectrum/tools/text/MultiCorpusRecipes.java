package io.emospectrum.tools.text;

import io.emospectrum.model.ModelManifest;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.text.TextModels;
import io.emospectrum.text.head.CategoryEnsemble;
import io.emospectrum.text.head.CategoryHead;
import io.emospectrum.text.head.HeadConfig;
import io.emospectrum.text.head.ValenceArousalHead;
import io.emospectrum.text.score.ConfidenceCalibration;
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
 * {@code text-recipes}: leave-one-corpus-out comparison of multi-corpus recipes against the
 * shipped GoEmotions model, on cached features ({@link CorpusFeatures}). For each recipe and each
 * corpus: train on the training splits of the other corpora, fit the temperature on their dev
 * splits (every corpus weighing the same), score the left-out corpus. Recipes are chosen on the
 * left-out corpus's <b>dev</b> split (the default); {@code --split test} is for the final report.
 *
 * <p>Recipe ingredients: a softmax over only the categories each training corpus has ("masked"),
 * a bias vector per corpus (its own class prior; inference uses their mean), every category of a
 * corpus weighing the same ("balanced"), label smoothing, the shipped model's category
 * log-probabilities as extra inputs ("stacked"), and a log-linear ensemble with the shipped model.
 *
 * <pre>./emospectrum-tools evaluate text-recipes --features /work/data-extra/text-features [--split dev]</pre>
 */
@Command(name = "text-recipes", mixinStandardHelpOptions = true,
        description = "Leave-one-corpus-out table of multi-corpus recipes (masked softmax, per-corpus priors, stacking) vs the shipped model.")
public final class MultiCorpusRecipes implements Callable<Integer> {
    @Mixin
    private CorpusFoldOptions corpusFolds;
    @Option(names = "--recipes", split = ",", description = "only these recipes (by name)")
    private List<String> optRecipes;
    @Option(names = "--write", description = "resources root (modality-text/src/main/resources): train --recipe on all corpora and write the corpora variant")
    private String optWrite;
    @Option(names = "--recipe", description = "the recipe --write trains")
    private String optRecipe;
    @Option(names = "--model-version", defaultValue = "2.0.0", description = "default: ${DEFAULT-VALUE}")
    private String optVersion;

    /**
     * @param masked        softmax over each corpus's own categories
     * @param perCorpusBias a bias vector per corpus
     * @param balanced      every category of a corpus weighs the same
     * @param smoothing     label smoothing
     * @param stacked       the shipped model's category log-probabilities are extra inputs
     * @param ensemble      weight of the shipped model in a log-linear ensemble (0: none)
     * @param nested        the temperature is fitted on leave-one-corpus-out predictions among the training corpora
     *                      (each corpus's dev split read by a head trained without that corpus), so that confidence
     *                      matches accuracy on a domain the model was not trained on; else on their dev splits read
     *                      by the head itself
     */
    record Recipe(String name, boolean masked, boolean perCorpusBias, boolean balanced, double smoothing, boolean stacked, double ensemble,
                  boolean nested) {
        Recipe(String name, boolean masked, boolean perCorpusBias, boolean balanced, double smoothing, boolean stacked, double ensemble) {
            this(name, masked, perCorpusBias, balanced, smoothing, stacked, ensemble, false);
        }
    }

    static final List<Recipe> RECIPES = List.of(
            new Recipe("plain balanced", false, false, true, 0, false, 0),
            new Recipe("masked", true, false, false, 0, false, 0),
            new Recipe("masked balanced", true, false, true, 0, false, 0),
            new Recipe("masked priors", true, true, false, 0, false, 0),
            new Recipe("masked priors balanced", true, true, true, 0, false, 0),
            new Recipe("masked priors smoothed", true, true, false, 0.1, false, 0),
            new Recipe("stacked masked priors", true, true, false, 0, true, 0),
            new Recipe("stacked masked priors balanced", true, true, true, 0, true, 0),
            new Recipe("stacked masked priors smoothed", true, true, false, 0.1, true, 0),
            new Recipe("ensemble 0.5 masked priors", true, true, false, 0, false, 0.5),
            new Recipe("ensemble 0.5 masked priors balanced", true, true, true, 0, false, 0.5),
            new Recipe("ensemble 0.35 masked priors balanced nested-T", true, true, true, 0, false, 0.35, true),
            new Recipe("ensemble 0.5 masked priors balanced nested-T", true, true, true, 0, false, 0.5, true),
            new Recipe("ensemble 0.65 masked priors balanced nested-T", true, true, true, 0, false, 0.65, true),
            new Recipe("ensemble 0.5 masked priors balanced smoothed nested-T", true, true, true, 0.1, false, 0.5, true));

    /** A trained recipe: head, temperature, and what it needs at inference. */
    record Trained(Recipe recipe, MaskedSoftmaxHead head, ConfidenceCalibration calibration) {
        /** Calibrated category distribution of one row, as the runtime computes it. */
        float[] predict(float[] features, float[] shipped) {
            float[] p = head.predict(recipe.stacked() ? stack(features, shipped) : features);
            if (recipe.ensemble() > 0) {
                return new CategoryEnsemble(recipe.ensemble(), calibration.temperature(), "").combine(p, shipped);
            }
            return calibration.apply(p);
        }
    }

    @Override
    public Integer call() throws IOException {
        LeaveOneCorpusOut.Data data = LeaveOneCorpusOut.Data.load(corpusFolds.features());
        long t0 = System.nanoTime();
        float[][] shipped = ShippedCategories.of("int8", data.x());
        System.out.printf(Locale.ROOT, "shipped int8 head on %d cached rows: %.1f s%n", data.x().length, (System.nanoTime() - t0) / 1e9);
        Set<String> corpora = data.corpora();
        SoftmaxHead.Settings settings = corpusFolds.settings();
        if (optWrite != null) {
            Recipe r = RECIPES.stream().filter(x -> x.name().equals(optRecipe)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--write needs --recipe, one of " + RECIPES.stream().map(Recipe::name).toList()));
            if (r.ensemble() <= 0 || r.stacked()) {
                throw new IllegalArgumentException("only ensemble recipes are written as a variant");
            }
            Trained t = train(data, shipped, corpora, r, settings);
            System.out.printf(Locale.ROOT, "trained on %s (%s, %d epochs); temperature %.4f%n", corpora, r.name(), corpusFolds.epochs(), t.calibration().temperature());
            for (String c : corpora) {
                print(r.name() + " (trained on it)", c, evaluate(data, c, corpusFolds.split(), i -> t.predict(data.x()[i], shipped[i])));
            }
            writeVariant(Path.of(optWrite), t, corpora, settings, optVersion);
            return 0;
        }
        System.out.printf("left-out corpus scored on its %s split%n", corpusFolds.split());
        System.out.println("| recipe | left out | n | macro-F1 | accuracy | mean confidence | ECE |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        Map<String, Double> base = new LinkedHashMap<>();
        for (String out : corpora) {
            CorpusMetrics.Result m = evaluate(data, out, corpusFolds.split(), i -> shipped[i]);
            base.put(out, m.macroF1());
            print("shipped int8 (GoEmotions only)", out, m);
        }
        for (Recipe r : RECIPES) {
            if (optRecipes != null && !optRecipes.contains(r.name())) {
                continue;
            }
            double sum = 0;
            int wins = 0;
            for (String out : corpora) {
                Set<String> train = new LinkedHashSet<>(corpora);
                train.remove(out);
                Trained t = train(data, shipped, train, r, settings);
                CorpusMetrics.Result m = evaluate(data, out, corpusFolds.split(), i -> t.predict(data.x()[i], shipped[i]));
                sum += m.macroF1();
                wins += m.macroF1() > base.get(out) ? 1 : 0;
                print(r.name(), out, m);
            }
            System.out.printf(Locale.ROOT, "| %s | mean (beats shipped on %d of %d) | | %.3f | | | |%n", r.name(), wins, corpora.size(), sum / corpora.size());
        }
        return 0;
    }

    private static void print(String recipe, String out, CorpusMetrics.Result m) {
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %.3f | %.3f |%n", recipe, out, m.n(), m.macroF1(), m.accuracy(),
                m.meanConfidence(), m.ece());
    }

    static Trained train(LeaveOneCorpusOut.Data data, float[][] shipped, Set<String> corpora, Recipe r, SoftmaxHead.Settings settings) {
        MaskedSoftmaxHead head = trainHead(data, shipped, corpora, r, settings);
        Trained uncalibrated = new Trained(r, head, ConfidenceCalibration.none());
        List<float[]> p = new ArrayList<>();
        List<Integer> gold = new ArrayList<>();
        List<Double> weight = new ArrayList<>();
        if (r.nested()) {
            // each training corpus's dev split read by a head trained on the other training corpora
            for (String held : corpora) {
                Set<String> rest = new LinkedHashSet<>(corpora);
                rest.remove(held);
                Trained without = new Trained(r, trainHead(data, shipped, rest, r, settings), ConfidenceCalibration.none());
                List<Integer> dev = data.select(Set.of(held), "dev");
                for (int i : dev) {
                    p.add(without.predict(data.x()[i], shipped[i]));
                    gold.add(data.y()[i]);
                    weight.add(1.0 / dev.size());
                }
            }
        } else {
            // the dev splits of the training corpora, every corpus weighing the same
            Map<String, Integer> devCount = new LinkedHashMap<>();
            List<Integer> dev = data.select(corpora, "dev");
            for (int i : dev) {
                devCount.merge(data.rows().get(i)[2], 1, Integer::sum);
            }
            for (int i : dev) {
                p.add(uncalibrated.predict(data.x()[i], shipped[i]));
                gold.add(data.y()[i]);
                weight.add(1.0 / devCount.get(data.rows().get(i)[2]));
            }
        }
        double t = fitTemperature(p, gold, weight);
        return new Trained(r, head, new ConfidenceCalibration(t, (r.nested() ? "leave-one-corpus-out predictions on the dev splits of "
                : "dev splits of ") + corpora + ", each corpus weighing the same"));
    }

    static MaskedSoftmaxHead trainHead(LeaveOneCorpusOut.Data data, float[][] shipped, Set<String> corpora, Recipe r, SoftmaxHead.Settings settings) {
        List<String> names = new ArrayList<>(corpora);
        List<Integer> idx = data.select(corpora, "train");
        int classes = EmotionCategory.COUNT;
        boolean[][] allowed = new boolean[names.size()][classes];
        Map<String, Integer> perCorpus = new LinkedHashMap<>();
        Map<String, Integer> perCategory = new LinkedHashMap<>();
        for (int i : idx) {
            String c = data.rows().get(i)[2];
            perCorpus.merge(c, 1, Integer::sum);
            perCategory.merge(c + "/" + data.y()[i], 1, Integer::sum);
            allowed[names.indexOf(c)][data.y()[i]] = true;
        }
        if (!r.masked()) {
            for (boolean[] a : allowed) {
                java.util.Arrays.fill(a, true);
            }
        }
        float[][] x = new float[idx.size()][];
        int[] y = new int[idx.size()];
        int[] corpus = new int[idx.size()];
        double[] w = new double[idx.size()];
        for (int k = 0; k < idx.size(); k++) {
            int i = idx.get(k);
            String c = data.rows().get(i)[2];
            x[k] = r.stacked() ? stack(data.x()[i], shipped[i]) : data.x()[i];
            y[k] = data.y()[i];
            corpus[k] = names.indexOf(c);
            int n = perCorpus.get(c);
            if (r.balanced()) {
                int categories = (int) perCategory.keySet().stream().filter(key -> key.startsWith(c + "/")).count();
                w[k] = 1.0 / (categories * (double) perCategory.get(c + "/" + y[k]));
            } else {
                w[k] = 1.0 / n;
            }
        }
        double mean = java.util.Arrays.stream(w).average().orElse(1);
        for (int k = 0; k < w.length; k++) {
            w[k] /= mean;
        }
        return MaskedSoftmaxHead.train(x, y, corpus, w, allowed, classes, settings, r.perCorpusBias(), r.smoothing());
    }

    /** Temperature minimizing the weighted negative log-likelihood of the gold category (golden-section search on log T). */
    static double fitTemperature(List<float[]> p, List<Integer> gold, List<Double> weight) {
        double logT = DomainCalibrationFit.goldenSection(Math.log(0.2), Math.log(10), t -> nll(p, gold, weight, Math.exp(t)));
        return Math.round(Math.exp(logT) * 1e4) / 1e4;
    }

    private static double nll(List<float[]> p, List<Integer> gold, List<Double> weight, double t) {
        ConfidenceCalibration c = new ConfidenceCalibration(t, "fit");
        double s = 0;
        for (int i = 0; i < p.size(); i++) {
            s -= weight.get(i) * Math.log(Math.max(1e-12, c.apply(p.get(i))[gold.get(i)]));
        }
        return s;
    }

    static CorpusMetrics.Result evaluate(LeaveOneCorpusOut.Data data, String corpus, String split, java.util.function.IntFunction<float[]> model) {
        List<Integer> rows = data.select(Set.of(corpus), split);
        int[] gold = new int[rows.size()];
        int[] pred = new int[rows.size()];
        double[] conf = new double[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            int i = rows.get(k);
            float[] p = model.apply(i);
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            gold[k] = data.y()[i];
            pred[k] = best;
            conf[k] = p[best];
        }
        return CorpusMetrics.of(gold, pred, conf, EmotionCategory.COUNT);
    }

    /**
     * The corpora variant: the int8 variant's encoder recipe, label head configuration (its weights are the
     * shared {@code goemotions-head}), mapping, label-head temperature and valence/arousal head, plus the category head, the ensemble, NOTICE, SHA256SUMS.
     */
    static void writeVariant(Path resources, Trained t, Set<String> corpora, SoftmaxHead.Settings s, String version) throws IOException {
        Path base = resources.resolve(TextModels.VARIANTS.get("int8"));
        Path dir = resources.resolve(TextModels.VARIANTS.get(TextModels.CORPORA_VARIANT));
        String name = dir.getFileName().toString();
        if (Files.isDirectory(dir)) {
            try (var old = Files.list(dir)) {
                for (Path f : old.toList()) {
                    Files.delete(f);
                }
            }
        }
        Files.createDirectories(dir);
        for (String f : List.of("label-mapping.json", ConfidenceCalibration.FILE_NAME, "encoder.recipe", ValenceArousalHead.FILE_NAME)) {
            Files.copy(base.resolve(f), dir.resolve(f));
        }
        HeadConfig c = HeadConfig.read(base.resolve("head.json"));
        new HeadConfig(name, version, c.encoder(), c.features(), c.inputDim(), c.hidden(), c.dropout(), c.labels(), c.thresholds(),
                c.maxTokens(), c.overlapTokens(), c.categoryThresholds()).write(dir.resolve("head.json"));
        List<String> labels = EmotionCategory.ordered().stream().map(EmotionCategory::key).toList();
        Recipe r = t.recipe();
        String trainedOn = "training splits of " + String.join(", ", corpora) + " (" + r.name() + ", " + s + ")";
        MaskedSoftmaxHead h = t.head();
        new CategoryHead(name + "-categories", version, c.encoder(), c.maxTokens(), c.overlapTokens(), labels, h.mean, h.std, h.w, h.b, trainedOn)
                .write(dir.resolve(CategoryHead.FILE_NAME));
        new CategoryEnsemble(r.ensemble(), t.calibration().temperature(), t.calibration().fittedOn()).write(dir.resolve(CategoryEnsemble.FILE_NAME));
        String baseNotice = Files.readString(base.resolve("NOTICE"));
        String vaSection = baseNotice.substring(baseNotice.indexOf(ValenceArousalRidge.NOTICE_SECTION));
        Files.writeString(dir.resolve("NOTICE"), """
                Emotion model for EmoSpectrum's text modality trained on five corpora (goemotions-minilm provider, variant=corpora)
                ==================================================================================================================

                NON-COMMERCIAL RESEARCH USE ONLY: it is trained on DailyDialog, EmoEvent, ISEAR and TEC (licences below). For commercial
                use take variant=permissive (the same as int8: GoEmotions, Apache-2.0, and EmoBank, CC BY-SA 4.0) or fp32.

                Encoder: the fine-tuned all-MiniLM-L6-v2 of the int8 variant (encoder.recipe: sentence-transformers/all-MiniLM-L6-v2,
                Apache-2.0, from langchain4j's jars, plus io/emospectrum/text/models/goemotions-minilm/encoder-delta.tensors, fine-tuned on
                GoEmotions in this project).
                head.json (thresholds), label-mapping.json, calibration.json: the int8 variant's GoEmotions head (28 labels; weights in
io/emospectrum/text/models/goemotions-head/, with its own NOTICE and SHA256SUMS),
                its mapping onto the seven categories and its temperature, unchanged (GoEmotions, Apache-2.0; see that variant's NOTICE).
                category-head.json: a linear softmax head onto the seven categories on the same features, trained by
                io.emospectrum.tools.text.MultiCorpusRecipes --write (%s): each corpus's softmax over only the categories it labels,
                a bias vector per corpus (the mean is used), every category of a corpus weighing the same, every corpus the same.
                ensemble.json: the seven-category result is (category head)^(1-w) x (GoEmotions head's categories)^w, w = %.2f, then
                temperature T = %.4f, fitted on %s.

                Training data and licences (this model inherits the most restrictive: NON-COMMERCIAL RESEARCH USE ONLY):
                  GoEmotions (Demszky et al., ACL 2020), Apache-2.0.
                  DailyDialog (Li et al., IJCNLP 2017) via ConvLab/ConvLab-3 @ 2a168fc, CC BY-NC-SA 4.0; neutral turns subsampled.
                  EmoEvent, English (Plaza-del-Arco et al., LREC 2020), fmplaza/EmoEvent @ f55f01c, CC BY-NC-SA 4.0 (treated as NC).
                  ISEAR (Scherer and Wallbott, 1994), sinmaniphel/py_isear_dataset @ 948f4cf, non-commercial research.
                  TEC (Mohammad, 2012), abishekarun/Text-Emotion-Classification @ f53c07d, research.
                Preparation: scripts/data/prepare_text_corpora.py, then io.emospectrum.tools.text.CorpusFeatures.
                """.formatted(trainedOn, r.ensemble(), t.calibration().temperature(), t.calibration().fittedOn()) + vaSection);
        StringBuilder sums = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                sums.append(ModelManifest.sha256(f)).append("  ").append(f.getFileName()).append('\n');
            }
        }
        Files.writeString(dir.resolve("SHA256SUMS"), sums.toString());
        System.out.println("wrote " + dir + "; pin its manifest in TextModels.MANIFEST_SHA256: " + ModelManifest.sha256(dir.resolve("SHA256SUMS")));
    }

    /** Features followed by the log of the shipped model's category probabilities. */
    static float[] stack(float[] features, float[] shipped) {
        float[] out = java.util.Arrays.copyOf(features, features.length + shipped.length);
        for (int c = 0; c < shipped.length; c++) {
            out[features.length + c] = (float) Math.log(Math.max(1e-6f, shipped[c]));
        }
        return out;
    }
}
