package io.emospectrum.tools.text;

import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.text.GoEmotionsMiniLmProvider;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code evaluate-corpora}: runs the shipped provider, as users get it, over one split of every
 * corpus in the common layout ({@code rows.tsv} of {@link CorpusFeatures}, so the same sample as
 * {@link LeaveOneCorpusOut}) and prints, per corpus, macro-F1 over its categories, accuracy of the
 * dominant category, mean confidence and ECE (15 equal-width bins).
 *
 * <pre>./emospectrum-tools evaluate text-corpora --features /work/data-extra/text-features [--split test] [--variant int8]</pre>
 */
@Command(name = "text-corpora", mixinStandardHelpOptions = true, description = "Runs the shipped text provider over every corpus of the common layout: macro-F1, accuracy, ECE.")
public final class EvaluateCorpora implements Callable<Integer> {
    @Option(names = "--features")
    private String optFeatures;
    @Option(names = "--split", defaultValue = "test", description = "default: ${DEFAULT-VALUE}")
    private String optSplit;
    @Option(names = "--variant", defaultValue = "int8", description = "default: ${DEFAULT-VALUE}")
    private String optVariant;

    @Override
    public Integer call() throws IOException {
        List<String[]> rows = CorpusFeatures.readTsv(Path.of(optFeatures).resolve("rows.tsv"));
        String split = optSplit;
        ExtractorOptions.Builder options = ExtractorOptions.builder().property("variant", optVariant);
        Map<String, List<String[]>> byCorpus = new LinkedHashMap<>();
        for (String[] r : rows) {
            if (r[3].equals(split)) {
                byCorpus.computeIfAbsent(r[2], k -> new ArrayList<>()).add(r);
            }
        }
        System.out.println("| corpus | n | macro-F1 | accuracy | mean confidence | ECE |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        try (TextEmotionExtractor x = ProviderRegistry.text().select(GoEmotionsMiniLmProvider.NAME).create(options.build())) {
            for (Map.Entry<String, List<String[]>> e : byCorpus.entrySet()) {
                List<String[]> list = e.getValue();
                int[] gold = new int[list.size()];
                int[] pred = new int[list.size()];
                double[] conf = new double[list.size()];
                for (int from = 0; from < list.size(); from += 256) {
                    List<String> texts = new ArrayList<>();
                    for (int i = from; i < Math.min(list.size(), from + 256); i++) {
                        texts.add(list.get(i)[0]);
                    }
                    List<TextAnalysis> r = x.analyzeAll(texts);
                    for (int i = 0; i < r.size(); i++) {
                        EmotionReading o = r.get(i).overall();
                        gold[from + i] = EmotionCategory.parse(list.get(from + i)[1]).index();
                        pred[from + i] = o.dominant().index();
                        conf[from + i] = o.confidence();
                    }
                }
                CorpusMetrics.Result m = CorpusMetrics.of(gold, pred, conf, EmotionCategory.COUNT);
                System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f |%n", e.getKey(), m.n(), m.macroF1(), m.accuracy(),
                        m.meanConfidence(), m.ece());
            }
        }
        return 0;
    }
}
