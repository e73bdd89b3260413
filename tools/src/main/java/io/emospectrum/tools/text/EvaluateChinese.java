package io.emospectrum.tools.text;

import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.text.GoEmotionsMiniLmProvider;
import io.emospectrum.text.TextModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code evaluate text-zh}: runs the shipped text provider, as users get it (language routing on),
 * over one split of {@code weibo.tsv} ({@code scripts/data/prepare_weibo.py}) and prints macro-F1
 * over the six categories the set labels, accuracy of the dominant category, mean confidence, ECE
 * (15 equal-width bins) and how many posts were routed to the Chinese model. With
 * {@code --compare-off}, the same posts read with {@code chinese=off} (the English model, as before
 * routing) in the same run.
 *
 * <pre>./emospectrum-tools evaluate text-zh --data /work/data-extra/weibo/weibo.tsv [--split test] [--compare-off]</pre>
 */
@Command(name = "text-zh", mixinStandardHelpOptions = true,
        description = "Runs the shipped text provider over Weibo posts: macro-F1, accuracy, mean confidence, ECE, share read as Chinese.")
public final class EvaluateChinese implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "weibo.tsv of scripts/data/prepare_weibo.py")
    private Path data;
    @Option(names = "--split", defaultValue = "test", description = "default: ${DEFAULT-VALUE}")
    private String split;
    @Option(names = "--compare-off", description = "also read the posts with chinese=off (the English model)")
    private boolean compareOff;

    @Override
    public Integer call() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String[] r : CorpusFeatures.readTsv(data)) {
            if (r[3].equals(split)) {
                rows.add(r);
            }
        }
        System.out.println("| model | n | read as zh | macro-F1 | accuracy | mean confidence | ECE |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        run("chinese=auto (default)", rows, ExtractorOptions.defaults());
        if (compareOff) {
            run("chinese=off", rows, ExtractorOptions.builder().property("chinese", "off").build());
        }
        return 0;
    }

    private static void run(String name, List<String[]> rows, ExtractorOptions options) {
        int[] gold = new int[rows.size()];
        int[] pred = new int[rows.size()];
        double[] conf = new double[rows.size()];
        int chinese = 0;
        try (TextEmotionExtractor x = ProviderRegistry.text().select(GoEmotionsMiniLmProvider.NAME).create(options)) {
            for (int from = 0; from < rows.size(); from += 256) {
                List<String> texts = new ArrayList<>();
                for (int i = from; i < Math.min(rows.size(), from + 256); i++) {
                    texts.add(rows.get(i)[0]);
                }
                List<TextAnalysis> r = x.analyzeAll(texts);
                for (int i = 0; i < r.size(); i++) {
                    EmotionReading o = r.get(i).overall();
                    gold[from + i] = EmotionCategory.parse(rows.get(from + i)[1]).index();
                    pred[from + i] = o.dominant().index();
                    conf[from + i] = o.confidence();
                    if ("zh".equals(r.get(i).language()) && o.model().name().equals(TextModels.CHINESE_MODEL)) {
                        chinese++;
                    }
                }
            }
        }
        CorpusMetrics.Result m = CorpusMetrics.of(gold, pred, conf, EmotionCategory.COUNT);
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f | %.3f | %.3f |%n", name, m.n(), chinese, m.macroF1(), m.accuracy(),
                m.meanConfidence(), m.ece());
    }
}
