package io.emospectrum.tools.text;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.util.concurrent.Callable;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelSource;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.taxonomy.LabelMapping;
import io.emospectrum.text.GoEmotionsMiniLmProvider;
import io.emospectrum.text.TextModels;
import io.emospectrum.text.head.HeadConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code evaluate}: runs the shipped provider, exactly as users get it (ServiceLoader, bundled
 * model, verified files), over a GoEmotions split and prints per-label precision, recall and F1,
 * the macro-F1 over the 28 labels and over the seven Ekman-level categories, and the accuracy of
 * the spectrum's dominant category on comments with a single Ekman category, with the mean
 * confidence and the expected calibration error ({@link CalibrationMetrics}, 15 equal-width bins)
 * of those readings.
 *
 * <p>A label is predicted when its probability reaches the threshold tuned on dev (a comment
 * where none does gets its strongest label). A category is predicted when the highest
 * calibrated score among its labels reaches the category's threshold, also tuned on dev.
 *
 * <pre>./emospectrum-tools evaluate text [--split test] [--variant int8|fp32]</pre>
 */
@Command(name = "text", mixinStandardHelpOptions = true, description = "Runs the shipped text provider over a GoEmotions split: per-label and per-category F1, macro-F1.")
public final class EvaluateText implements Callable<Integer> {

    @Option(names = "--data", description = "GoEmotions directory (default: <shared data>/text/goemotions)")
    private Path data = GoEmotionsCorpus.defaultDir();
    @Option(names = "--split", defaultValue = "test", description = "train, dev or test (default: ${DEFAULT-VALUE})")
    private String split;
    @Option(names = "--variant", defaultValue = "int8", description = "int8 or fp32 (default: ${DEFAULT-VALUE})")
    private String variant;

@Override
    public Integer call() throws Exception {
        GoEmotionsCorpus corpus = GoEmotionsCorpus.open(data);
        List<GoEmotionsCorpus.Example> examples = corpus.read(split);
        List<String> labels = corpus.labels();

        Path headDir = ModelFiles.defaultCache().materialize(ModelSource.classpath(TextModels.VARIANTS.get(variant), EvaluateText.class), true);
        HeadConfig config = HeadConfig.read(headDir.resolve("head.json"));
        if (!config.labels().equals(labels)) {
            throw new IllegalStateException("model labels " + config.labels() + " differ from the corpus labels " + labels);
        }
        LabelMapping mapping = LabelMapping.fromJson(headDir.resolve("label-mapping.json"));

        float[][] probs = new float[examples.size()][];
        EmotionCategory[] dominant = new EmotionCategory[examples.size()];
        double[] confidence = new double[examples.size()];
        long t0 = System.nanoTime();
        try (TextEmotionExtractor x = ProviderRegistry.text().select(GoEmotionsMiniLmProvider.NAME).create(ExtractorOptions.builder().property("variant", variant).build())) {
            int chunk = 512;
            for (int from = 0; from < examples.size(); from += chunk) {
                List<String> texts = new ArrayList<>();
                for (int i = from; i < Math.min(examples.size(), from + chunk); i++) {
                    texts.add(examples.get(i).text());
                }
                List<TextAnalysis> r = x.analyzeAll(texts);
                for (int i = 0; i < r.size(); i++) {
                    EmotionReading overall = r.get(i).overall();
                    probs[from + i] = overall.modelScores().scores();
                    dominant[from + i] = overall.dominant();
                    confidence[from + i] = overall.confidence();
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;

        float[][] gold = corpus.targets(examples);
        boolean[][] pred = MultiLabelMetrics.predict(probs, config.thresholds());
        MultiLabelMetrics.LabelF1[] per = MultiLabelMetrics.perLabel(pred, gold, labels);
        System.out.printf("GoEmotions %s: %d comments, %.1f s (%.0f texts/s)%n", split, examples.size(), seconds, examples.size() / seconds);
        System.out.printf("%-16s %7s %9s %6s %6s%n", "label", "support", "precision", "recall", "F1");
        for (MultiLabelMetrics.LabelF1 l : per) {
            System.out.printf("%-16s %7d %9.3f %6.3f %6.3f%n", l.label(), l.support(), l.precision(), l.recall(), l.f1());
        }
        System.out.printf("macro-F1, 28 labels: %.4f%n", MultiLabelMetrics.macroF1(per));

        int[] group = new int[labels.size()];
        for (int k = 0; k < labels.size(); k++) {
            group[k] = Spectrum.dominantIndex(mapping.weights(labels.get(k)).toArray());
        }
        List<String> categories = EmotionCategory.ordered().stream().map(EmotionCategory::key).toList();
        MultiLabelMetrics.LabelF1[] ekman = MultiLabelMetrics.perLabel(
                MultiLabelMetrics.predict(MultiLabelMetrics.groupScores(probs, config.thresholds(), group, EmotionCategory.COUNT),
                        config.categoryThresholds()),
                MultiLabelMetrics.groupTargets(gold, group, EmotionCategory.COUNT), categories);
        for (MultiLabelMetrics.LabelF1 l : ekman) {
            System.out.printf("%-16s %7d %9.3f %6.3f %6.3f%n", l.label(), l.support(), l.precision(), l.recall(), l.f1());
        }
        System.out.printf("macro-F1, 7 Ekman-level categories: %.4f%n", MultiLabelMetrics.macroF1(ekman));

        float[][] groupGold = MultiLabelMetrics.groupTargets(gold, group, EmotionCategory.COUNT);
        int single = 0;
        int hit = 0;
        List<Double> singleConfidence = new ArrayList<>();
        List<Boolean> singleHit = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            int n = 0;
            int only = -1;
            for (int c = 0; c < EmotionCategory.COUNT; c++) {
                if (groupGold[i][c] > 0) {
                    n++;
                    only = c;
                }
            }
            if (n == 1) {
                single++;
                hit += dominant[i].index() == only ? 1 : 0;
                singleConfidence.add(confidence[i]);
                singleHit.add(dominant[i].index() == only);
            }
        }
        System.out.printf("spectrum dominant = gold category on %d single-category comments: %.4f%n", single, hit / (double) single);
        double[] c = singleConfidence.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] h = new boolean[c.length];
        for (int i = 0; i < h.length; i++) {
            h[i] = singleHit.get(i);
        }
        System.out.printf("confidence of the dominant category, single-category comments: %s%n", CalibrationMetrics.summarize(c, h));
        return 0;
    }
}
