package io.emospectrum.tools.text;

import io.emospectrum.model.ModelFiles;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.text.TextModels;
import io.emospectrum.text.TransformerTextExtractor;
import io.emospectrum.text.score.ConfidenceCalibration;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code fit-calibration}: fits the temperature of a bundled model's category distribution on a
 * held-out split (GoEmotions dev by default; never test) and writes {@code calibration.json}.
 * Runs the model as users get it, without its current calibration, over the split; keeps the
 * comments with a single gold category; chooses T by the negative log-likelihood of the gold
 * category (golden-section search over log T); prints accuracy, mean confidence and ECE before and
 * after. With {@code --out DIR}, writes {@code DIR/<variant dir>/calibration.json}; the model's
 * SHA256SUMS and NOTICE are then to be updated (the command prints the line).
 *
 * <pre>./emospectrum-tools train text-calibration [--variant int8|fp32] [--split dev]
 *     [--out modality-text/src/main/resources] [--dump target/calibration-dev.tsv]</pre>
 */
@Command(name = "text-calibration", mixinStandardHelpOptions = true, description = "Fits the temperature of a bundled text model on GoEmotions dev and writes calibration.json.")
public final class FitCalibration implements Callable<Integer> {
    @Option(names = "--data")
    private String optData = GoEmotionsCorpus.defaultDir().toString();
    @Option(names = "--dump")
    private String optDump;
    @Option(names = "--out")
    private String optOut;
    @Option(names = "--split", defaultValue = "dev", description = "default: ${DEFAULT-VALUE}")
    private String optSplit;
    @Option(names = "--variant", defaultValue = "int8", description = "default: ${DEFAULT-VALUE}")
    private String optVariant;

    /** One held-out example: the model's uncalibrated category distribution, its confidence damping and the gold category. */
    record Scored(float[] categories, double damp, int gold) {
    }

    @Override
    public Integer call() throws IOException {
        String variant = optVariant;
        String split = optSplit;
        if (split.equals("test")) {
            throw new IllegalArgumentException("calibration is fitted on held-out training data (dev), never on test");
        }
        GoEmotionsCorpus corpus = GoEmotionsCorpus.open(Path.of(optData));
        List<GoEmotionsCorpus.Example> examples = corpus.read(split);
        List<Scored> scored = score(variant, corpus, examples);
        if ((optDump != null)) {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(optDump)))) {
                for (Scored s : scored) {
                    StringBuilder sb = new StringBuilder().append(s.gold()).append('\t').append(s.damp());
                    for (float p : s.categories()) {
                        sb.append('\t').append(p);
                    }
                    w.println(sb);
                }
            }
        }
        System.out.printf("GoEmotions %s, variant %s: %d comments with one gold category%n", split, variant, scored.size());
        report("uncalibrated", scored, 1.0);
        double t = fitTemperature(scored);
        System.out.printf("fitted temperature T = %.4f (NLL %.4f -> %.4f)%n", t, nll(scored, 1.0), nll(scored, t));
        report("calibrated", scored, t);
        if ((optOut != null)) {
            Path dir = Path.of(optOut).resolve(TextModels.VARIANTS.get(variant));
            Path file = dir.resolve(ConfidenceCalibration.FILE_NAME);
            new ConfidenceCalibration(Math.round(t * 1e4) / 1e4, "GoEmotions " + split + ".tsv, " + scored.size()
                    + " comments with one gold category, by io.emospectrum.tools.text.FitCalibration --variant " + variant).write(file);
            System.out.printf("wrote %s; add to %s/SHA256SUMS: %s  %s (then re-pin that SHA256SUMS in TextModels.MANIFEST_SHA256)%n",
                    file, dir, io.emospectrum.model.ModelManifest.sha256(file), file.getFileName());
        }
        return 0;
    }

    static List<Scored> score(String variant, GoEmotionsCorpus corpus, List<GoEmotionsCorpus.Example> examples) {
        float[][] gold = MultiLabelMetrics.groupTargets(corpus.targets(examples), corpus.categoryOfLabel(), EmotionCategory.COUNT);
        List<Scored> out = new ArrayList<>();
        try (TransformerTextExtractor x = TextModels.bundled(ExtractorOptions.defaults(), ModelFiles.defaultCache(), variant, null, null,
                Integer.MAX_VALUE, TransformerTextExtractor.Segmentation.WINDOWS, false)) {
            int chunk = 512;
            for (int from = 0; from < examples.size(); from += chunk) {
                List<String> texts = new ArrayList<>();
                for (int i = from; i < Math.min(examples.size(), from + chunk); i++) {
                    texts.add(examples.get(i).text());
                }
                List<TextAnalysis> r = x.analyzeAll(texts);
                for (int i = 0; i < r.size(); i++) {
                    int g = single(gold[from + i]);
                    if (g < 0) {
                        continue;
                    }
                    EmotionReading o = r.get(i).overall();
                    float[] p = new float[EmotionCategory.COUNT];
                    for (EmotionCategory c : EmotionCategory.ordered()) {
                        p[c.index()] = o.spectrum().probability(c);
                    }
                    float top = o.spectrum().probability(o.dominant());
                    out.add(new Scored(p, top > 0 ? o.confidence() / top : 1.0, g));
                }
            }
        }
        return out;
    }

    /** The only gold category, or -1 when there are none or several. */
    static int single(float[] gold) {
        int only = -1;
        for (int c = 0; c < gold.length; c++) {
            if (gold[c] > 0) {
                if (only >= 0) {
                    return -1;
                }
                only = c;
            }
        }
        return only;
    }

    static void report(String name, List<Scored> scored, double t) {
        ConfidenceCalibration cal = new ConfidenceCalibration(t, "");
        double[] top = new double[scored.size()];
        double[] damped = new double[scored.size()];
        boolean[] hit = new boolean[scored.size()];
        for (int i = 0; i < top.length; i++) {
            Scored s = scored.get(i);
            float[] p = cal.apply(s.categories());
            int best = Spectrum.dominantIndex(p);
            top[i] = p[best];
            damped[i] = p[best] * s.damp();
            hit[i] = best == s.gold();
        }
        System.out.printf("%-13s confidence = top probability:           %s%n", name, CalibrationMetrics.summarize(top, hit));
        System.out.printf("%-13s confidence = top x short-text damping: %s%n", name, CalibrationMetrics.summarize(damped, hit));
    }

    static double nll(List<Scored> scored, double t) {
        ConfidenceCalibration cal = new ConfidenceCalibration(t, "");
        double sum = 0;
        for (Scored s : scored) {
            sum -= Math.log(Math.max(1e-12, cal.apply(s.categories())[s.gold()]));
        }
        return sum / scored.size();
    }

    /** Golden-section search of the NLL over log T in [log 0.05, log 50] (the NLL is unimodal in T). */
    static double fitTemperature(List<Scored> scored) {
        double lo = Math.log(0.05);
        double hi = Math.log(50);
        double g = (Math.sqrt(5) - 1) / 2;
        double x1 = hi - g * (hi - lo);
        double x2 = lo + g * (hi - lo);
        double f1 = nll(scored, Math.exp(x1));
        double f2 = nll(scored, Math.exp(x2));
        for (int it = 0; it < 60; it++) {
            if (f1 < f2) {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - g * (hi - lo);
                f1 = nll(scored, Math.exp(x1));
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + g * (hi - lo);
                f2 = nll(scored, Math.exp(x2));
            }
        }
        return Math.exp((lo + hi) / 2);
    }
}
