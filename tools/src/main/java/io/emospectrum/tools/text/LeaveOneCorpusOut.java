package io.emospectrum.tools.text;

import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.text.score.ConfidenceCalibration;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code loco}: leave-one-corpus-out for the seven-category softmax head on cached encoder
 * features ({@link CorpusFeatures}). For each recipe and each corpus: train on the training splits
 * of all other corpora, fit a temperature on their dev splits, and score the left-out corpus's
 * test split (macro-F1 over its categories, accuracy, mean confidence, ECE). Recipes differ in how
 * much each corpus weighs: {@code alpha} 0 gives every corpus the same total weight, 1 weighs it by
 * its size (the big corpora drown the small), 0.5 in between; {@code balanced} additionally gives
 * every category the same weight within a corpus.
 *
 * <pre>./emospectrum-tools evaluate text-loco --features /work/data-extra/text-features [--epochs 20]</pre>
 */
@Command(name = "text-loco", mixinStandardHelpOptions = true, description = "Leave-one-corpus-out table of the seven-category head (weighting recipes); the corpora variant is written by text-recipes.")
public final class LeaveOneCorpusOut implements Callable<Integer> {
    @Option(names = "--epochs", defaultValue = "20", description = "default: ${DEFAULT-VALUE}")
    private String optEpochs;
    @Option(names = "--features")
    private String optFeatures;
    @Option(names = "--l2", defaultValue = "0.0001", description = "default: ${DEFAULT-VALUE}")
    private String optL2;
    @Option(names = "--lr", defaultValue = "0.002", description = "default: ${DEFAULT-VALUE}")
    private String optLr;

    /** The cached corpora: rows and their features. */
    record Data(List<String[]> rows, float[][] x, int[] y) {
        static Data load(Path dir) throws IOException {
            List<String[]> rows = CorpusFeatures.readTsv(dir.resolve("rows.tsv"));
            float[][] x = CorpusFeatures.readFeatures(dir.resolve("features.f32"));
            if (x.length != rows.size()) {
                throw new IllegalStateException(rows.size() + " rows but " + x.length + " feature vectors in " + dir);
            }
            int[] y = new int[rows.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = EmotionCategory.parse(rows.get(i)[1]).index();
            }
            return new Data(rows, x, y);
        }

        Set<String> corpora() {
            Set<String> c = new LinkedHashSet<>();
            rows.forEach(r -> c.add(r[2]));
            return c;
        }

        List<Integer> select(Set<String> corpora, String split) {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (corpora.contains(rows.get(i)[2]) && rows.get(i)[3].equals(split)) {
                    out.add(i);
                }
            }
            return out;
        }
    }

    /** How the training examples are weighted. */
    record Recipe(String name, double alpha, boolean balanced) {
    }

    /** A trained head with its temperature. */
    record Trained(SoftmaxHead head, ConfidenceCalibration calibration) {
    }

    @Override
    public Integer call() throws IOException {
        Data data = Data.load(Path.of(optFeatures));
        SoftmaxHead.Settings settings = new SoftmaxHead.Settings(Integer.parseInt(optEpochs), 256,
                Double.parseDouble(optLr), Double.parseDouble(optL2), 7);
        List<Recipe> recipes = List.of(new Recipe("equal corpora", 0, false), new Recipe("sqrt size", 0.5, false),
                new Recipe("by size", 1, false), new Recipe("equal corpora, balanced categories", 0, true));
        Set<String> corpora = data.corpora();
        System.out.println("| recipe | left out | n | macro-F1 | accuracy | mean confidence | ECE |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        for (Recipe r : recipes) {
            double sumF1 = 0;
            for (String out : corpora) {
                Set<String> train = new LinkedHashSet<>(corpora);
                train.remove(out);
                Trained t = train(data, train, r, settings);
                CorpusMetrics.Result m = evaluate(data, t, out);
                sumF1 += m.macroF1();
                System.out.printf(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %.3f | %.3f |%n", r.name(), out, m.n(), m.macroF1(), m.accuracy(),
                        m.meanConfidence(), m.ece());
            }
            System.out.printf(Locale.ROOT, "| %s | mean | | %.3f | | | |%n", r.name(), sumF1 / corpora.size());
        }
        return 0;
    }

    static Trained train(Data data, Set<String> corpora, Recipe r, SoftmaxHead.Settings settings) {
        List<Integer> idx = data.select(corpora, "train");
        Map<String, Integer> perCorpus = new LinkedHashMap<>();
        Map<String, Integer> perCategory = new LinkedHashMap<>();
        for (int i : idx) {
            perCorpus.merge(data.rows().get(i)[2], 1, Integer::sum);
            perCategory.merge(data.rows().get(i)[2] + "/" + data.y()[i], 1, Integer::sum);
        }
        float[][] x = new float[idx.size()][];
        int[] y = new int[idx.size()];
        double[] w = new double[idx.size()];
        for (int k = 0; k < idx.size(); k++) {
            int i = idx.get(k);
            String corpus = data.rows().get(i)[2];
            x[k] = data.x()[i];
            y[k] = data.y()[i];
            int n = perCorpus.get(corpus);
            // corpus total weight proportional to n^alpha
            double corpusWeight = Math.pow(n, r.alpha()) / n;
            if (r.balanced()) {
                int categories = (int) perCategory.keySet().stream().filter(key -> key.startsWith(corpus + "/")).count();
                corpusWeight = Math.pow(n, r.alpha()) / (categories * (double) perCategory.get(corpus + "/" + y[k]));
            }
            w[k] = corpusWeight;
        }
        // mean weight 1, so the learning rate means the same for every recipe
        double mean = java.util.Arrays.stream(w).average().orElse(1);
        for (int k = 0; k < w.length; k++) {
            w[k] /= mean;
        }
        SoftmaxHead head = SoftmaxHead.train(x, y, w, EmotionCategory.COUNT, settings);
        // temperature on the dev splits of the same corpora, each corpus weighing the same
        List<FitCalibration.Scored> dev = new ArrayList<>();
        for (int i : data.select(corpora, "dev")) {
            dev.add(new FitCalibration.Scored(head.predict(data.x()[i]), 1.0, data.y()[i]));
        }
        double t = FitCalibration.fitTemperature(dev);
        return new Trained(head, new ConfidenceCalibration(t, "dev splits of " + corpora));
    }

    static CorpusMetrics.Result evaluate(Data data, Trained t, String corpus) {
        List<Integer> test = data.select(Set.of(corpus), "test");
        int[] gold = new int[test.size()];
        int[] pred = new int[test.size()];
        double[] conf = new double[test.size()];
        for (int k = 0; k < test.size(); k++) {
            int i = test.get(k);
            float[] p = t.calibration().apply(t.head().predict(data.x()[i]));
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
}
