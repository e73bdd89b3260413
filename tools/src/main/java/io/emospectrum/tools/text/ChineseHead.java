package io.emospectrum.tools.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelManifest;
import io.emospectrum.text.TextModels;
import io.emospectrum.text.encoder.RowQuantizedEncoderFiles;
import io.emospectrum.text.head.CategoryHead;
import io.emospectrum.text.normalize.EmojiNames;
import io.emospectrum.text.score.ConfidenceCalibration;
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
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code train text-zh}: the Chinese model's head. Pooled features (mean, then [CLS]) of the int8
 * bge-small-zh-v1.5 encoder from langchain4j's jar, frozen, its activations quantized per row
 * ({@link RowQuantizedEncoderFiles}), for every post of the train and dev
 * splits of {@code weibo.tsv} ({@code scripts/data/prepare_weibo.py}), each post read as the extractor
 * reads it (emoji names, first window of {@value #MAX_TOKENS} tokens); then a linear softmax head
 * ({@link SoftmaxHead}) onto the set's six labels, its settings chosen by macro-F1 on dev among
 * class weighting x L2 x epochs, and a temperature fitted on dev by the NLL. The test split is not
 * read here: {@link EvaluateChinese} measures it through the provider.
 *
 * <pre>./emospectrum-tools train text-zh --data /work/data-extra/weibo/weibo.tsv --work /work/data-extra/weibo-features
 *     [--write modality-text/src/main/resources/io/emospectrum/text/models/weibo-bge-small-zh]</pre>
 */
@Command(name = "text-zh", mixinStandardHelpOptions = true,
        description = "Trains the Chinese text model's head on SMP2020-EWECT Weibo posts (frozen bge-small-zh-v1.5 features), temperature on dev.")
public final class ChineseHead implements Callable<Integer> {
    static final int MAX_TOKENS = 128;
    /** The jar's int8 encoder with its activations quantized per row. */
    static final String ENCODER = TextModels.CHINESE_ENCODER + RowQuantizedEncoderFiles.SUFFIX;
    /** The model's own labels, in output order: the Weibo set's six ("neural" in its files read as neutral). */
    static final List<String> LABELS = List.of("neutral", "happy", "sad", "angry", "fear", "surprise");
    /** The categories of the prepared TSV, in the order of {@link #LABELS}. */
    static final List<String> CATEGORIES = List.of("neutral", "happiness", "sadness", "anger", "fear", "surprise");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--data", required = true, description = "weibo.tsv of scripts/data/prepare_weibo.py")
    private Path data;
    @Option(names = "--work", required = true, description = "where the encoder features are cached")
    private Path work;
    @Option(names = "--write", description = "model directory to write the head, label mapping, calibration and SHA256SUMS into (its NOTICE must be there)")
    private Path write;
    @Option(names = "--seed", defaultValue = "7", description = "default: ${DEFAULT-VALUE}")
    private long seed;

    record Split(List<String> texts, int[] gold) {
    }

    @Override
    public Integer call() throws IOException {
        Map<String, Split> splits = read(data);
        float[][] train;
        float[][] dev;
        try (FeatureCache cache = new FeatureCache(work, TextModels.chineseEncoder(ChineseHead.class.getClassLoader(),
                ModelFiles.defaultCache().directory()), ENCODER, MAX_TOKENS)) {
            train = cache.features("weibo-train", splits.get("train").texts());
            dev = cache.features("weibo-dev", splits.get("dev").texts());
        }
        int[] yTrain = splits.get("train").gold();
        int[] yDev = splits.get("dev").gold();
        System.out.printf("train %d posts, dev %d posts, %d features%n", train.length, dev.length, train[0].length);

        System.out.println("| class weights | L2 | epochs | dev macro-F1 | dev accuracy |");
        System.out.println("| --- | --- | --- | --- | --- |");
        SoftmaxHead best = null;
        String bestName = null;
        double bestF1 = -1;
        for (boolean balanced : new boolean[] {false, true}) {
            double[] weight = weights(yTrain, balanced);
            for (double l2 : new double[] {1e-3, 1e-2, 3e-2, 1e-1, 3e-1, 1.0}) {
                for (int epochs : new int[] {10, 30, 60}) {
                    SoftmaxHead.Settings s = new SoftmaxHead.Settings(epochs, 256, 2e-3, l2, seed);
                    SoftmaxHead h = SoftmaxHead.train(train, yTrain, weight, LABELS.size(), s);
                    CorpusMetrics.Result r = score(h, dev, yDev, 1.0);
                    System.out.printf(Locale.ROOT, "| %s | %.0e | %d | %.4f | %.4f |%n", balanced ? "balanced" : "none", l2, epochs, r.macroF1(), r.accuracy());
                    if (r.macroF1() > bestF1) {
                        bestF1 = r.macroF1();
                        best = h;
                        bestName = (balanced ? "class-balanced" : "unweighted") + ", " + s;
                    }
                }
            }
        }
        List<FitCalibration.Scored> scored = new ArrayList<>(dev.length);
        for (int i = 0; i < dev.length; i++) {
            scored.add(new FitCalibration.Scored(best.predict(dev[i]), 1.0, yDev[i]));
        }
        double t = FitCalibration.fitTemperature(scored);
        CorpusMetrics.Result before = score(best, dev, yDev, 1.0);
        CorpusMetrics.Result after = score(best, dev, yDev, t);
        System.out.printf(Locale.ROOT, "chosen: %s (dev macro-F1 %.4f)%n", bestName, bestF1);
        System.out.printf(Locale.ROOT, "temperature %.4f fitted on dev: ECE %.4f -> %.4f, mean confidence %.4f -> %.4f, accuracy %.4f%n",
                t, before.ece(), after.ece(), before.meanConfidence(), after.meanConfidence(), after.accuracy());
        if (write != null) {
            writeModel(best, bestName, t, dev.length, train.length);
        }
        return 0;
    }

    private void writeModel(SoftmaxHead h, String recipe, double t, int devSize, int trainSize) throws IOException {
        if (!Files.isRegularFile(write.resolve("NOTICE"))) {
            throw new IllegalArgumentException(write + " has no NOTICE: write it first (source, data, licences)");
        }
        String trained = "SMP2020-EWECT Weibo (COVID part) virus_train.txt less a seeded 10% dev part, " + trainSize + " posts; "
                + recipe + "; io.emospectrum.tools.text.ChineseHead (./emospectrum-tools train text-zh)";
        new CategoryHead(TextModels.CHINESE_MODEL, "1.0.0", ENCODER, MAX_TOKENS, 32, LABELS,
                h.mean, h.std, h.w, h.b, trained).write(write.resolve(CategoryHead.FILE_NAME));
        new ConfidenceCalibration(Math.round(t * 10000) / 10000.0, "the dev part of virus_train.txt (" + devSize
                + " posts, seeded split of scripts/data/prepare_weibo.py), NLL, by ./emospectrum-tools train text-zh")
                .write(write.resolve(ConfidenceCalibration.FILE_NAME));
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("source", "SMP2020-EWECT labels onto the seven categories by name (the set has no disgust)");
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < LABELS.size(); i++) {
            m.put(LABELS.get(i), CATEGORIES.get(i).toUpperCase(Locale.ROOT));
        }
        mapping.put("mapping", m);
        JSON.writeValue(write.resolve("label-mapping.json").toFile(), mapping);
        writeManifest(write);
        System.out.println("wrote " + write + "; SHA-256 of its SHA256SUMS: " + ModelManifest.sha256(write.resolve(ModelManifest.FILE_NAME)));
    }

    /** SHA256SUMS over every other file of the directory. */
    static void writeManifest(Path dir) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && !name.equals(ModelManifest.FILE_NAME)) {
                    sums.put(name, ModelManifest.sha256(f));
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sums.forEach((name, sha) -> sb.append(sha).append("  ").append(name).append('\n'));
        Files.writeString(dir.resolve(ModelManifest.FILE_NAME), sb.toString(), StandardCharsets.UTF_8);
    }

    /** Splits of {@code weibo.tsv} (text, category, label, split), texts read as the extractor reads them. */
    static Map<String, Split> read(Path tsv) throws IOException {
        EmojiNames emoji = new EmojiNames();
        Map<String, List<String>> texts = new LinkedHashMap<>();
        Map<String, List<Integer>> gold = new LinkedHashMap<>();
        for (String[] r : CorpusFeatures.readTsv(tsv)) {
            int y = CATEGORIES.indexOf(r[1]);
            if (y < 0) {
                throw new IllegalArgumentException("unknown category '" + r[1] + "' in " + tsv);
            }
            texts.computeIfAbsent(r[3], k -> new ArrayList<>()).add(emoji.normalize(r[0]).text());
            gold.computeIfAbsent(r[3], k -> new ArrayList<>()).add(y);
        }
        Map<String, Split> out = new LinkedHashMap<>();
        texts.forEach((split, list) -> out.put(split, new Split(list, gold.get(split).stream().mapToInt(Integer::intValue).toArray())));
        return out;
    }

    /** 1 for every example, or each class weighing the same in total. */
    static double[] weights(int[] y, boolean balanced) {
        double[] w = new double[y.length];
        int[] count = new int[LABELS.size()];
        for (int c : y) {
            count[c]++;
        }
        for (int i = 0; i < y.length; i++) {
            w[i] = balanced ? y.length / (double) (LABELS.size() * count[y[i]]) : 1.0;
        }
        return w;
    }

    /** Macro-F1, accuracy and calibration of a head at temperature {@code t}. */
    static CorpusMetrics.Result score(SoftmaxHead h, float[][] x, int[] y, double t) {
        ConfidenceCalibration cal = new ConfidenceCalibration(t, "");
        int[] pred = new int[x.length];
        double[] conf = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            float[] p = cal.apply(h.predict(x[i]));
            int b = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[b]) {
                    b = c;
                }
            }
            pred[i] = b;
            conf[i] = Math.min(1.0, p[b]);
        }
        return CorpusMetrics.of(y, pred, conf, LABELS.size());
    }
}
