package io.emospectrum.tools.text;

import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.model.ModelManifest;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.VadAnchors;
import io.emospectrum.spectrum.VadPoint;
import io.emospectrum.text.GoEmotionsMiniLmProvider;
import io.emospectrum.text.TextModels;
import io.emospectrum.text.head.ValenceArousalHead;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code text-va}: valence and arousal regressed on the shipped int8 encoder's cached features of
 * EmoBank ({@link CorpusFeatures}: {@code emobank-rows.tsv}, {@code emobank-features.f32}; the
 * 1-5 ratings mapped to [-1, 1]). Ridge regression on standardized features, the penalty chosen
 * on EmoBank dev. Then the provider as shipped ({@code --variant}) reads EmoBank test: Pearson r of
 * the valence and arousal it reports (its own head's when the variant ships one) and of the NRC VAD
 * anchors of its category probabilities, on the same sentences.
 *
 * <p>With {@code --write RESOURCES}, the head is written as {@code valence-arousal.json} into the
 * bundled variants named by {@code --into} (they must read the same int8 encoder the features came
 * from), their NOTICE gets a section on it and their SHA256SUMS the new lines; the manifests'
 * new SHA-256 are printed, to pin in {@code TextModels.MANIFEST_SHA256}.
 *
 * <pre>./emospectrum-tools evaluate text-va --features /work/data-extra/text-features [--variant int8]
 * ./emospectrum-tools evaluate text-va --features /work/data-extra/text-features --write modality-text/src/main/resources --into int8,corpora</pre>
 */
@Command(name = "text-va", mixinStandardHelpOptions = true,
        description = "EmoBank valence/arousal ridge head on encoder features vs the anchors: Pearson r; --write ships the head.")
public final class ValenceArousalRidge implements Callable<Integer> {
    /** Marks the NOTICE section this command writes, so that a rerun replaces it. */
    static final String NOTICE_SECTION = "valence-arousal.json:";
    @Option(names = "--features", required = true, description = "directory of the cached EmoBank features")
    private String optFeatures;
    @Option(names = "--variant", defaultValue = "int8", description = "the provider variant to measure (default: ${DEFAULT-VALUE})")
    private String optVariant;
    @Option(names = "--write", description = "resources root to write the head into (modality-text/src/main/resources)")
    private String optWrite;
    @Option(names = "--into", defaultValue = "int8,corpora", split = ",",
            description = "bundled variants that get the head with --write (default: ${DEFAULT-VALUE}); all must read the int8 encoder")
    private List<String> optInto;

    @Override
    public Integer call() throws IOException {
        Path dir = Path.of(optFeatures);
        List<String[]> rows = CorpusFeatures.readTsv(dir.resolve("emobank-rows.tsv"));
        float[][] x = CorpusFeatures.readFeatures(dir.resolve("emobank-features.f32"));
        List<Integer> train = new ArrayList<>();
        List<Integer> dev = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            (switch (rows.get(i)[3]) {
                case "train" -> train;
                case "dev" -> dev;
                default -> test;
            }).add(i);
        }
        System.out.printf("EmoBank: %d train, %d dev, %d test sentences%n", train.size(), dev.size(), test.size());
        String[] names = {"valence", "arousal"};
        double[][] headR = new double[2][];
        Ridge[] chosen = new Ridge[2];
        for (int target = 0; target < 2; target++) {
            int col = 1 + target;
            double bestR = -2;
            double bestLambda = 0;
            for (double lambda : new double[]{1, 10, 100, 1000, 3000, 10000}) {
                Ridge m = Ridge.fit(x, rows, train, col, lambda);
                double r = pearson(m, x, rows, dev, col);
                System.out.printf(Locale.ROOT, "%s: lambda %.0f dev r %.4f%n", names[target], lambda, r);
                if (r > bestR) {
                    bestR = r;
                    bestLambda = lambda;
                }
            }
            Ridge m = Ridge.fit(x, rows, train, col, bestLambda);
            chosen[target] = m;
            headR[target] = new double[]{bestLambda, pearson(m, x, rows, test, col)};
        }
        if (optWrite != null) {
            String trainedOn = String.format(Locale.ROOT, "EmoBank train (%d sentences; ratings 1-5 mapped to [-1, 1]), ridge regression "
                    + "on standardized pooled features of the int8 fine-tuned encoder, penalty chosen on EmoBank dev (valence %.0f, arousal %.0f)",
                    train.size(), headR[0][0], headR[1][0]);
            ValenceArousalHead head = new ValenceArousalHead(toFloat(chosen[0].mean()), toFloat(chosen[0].std()), toFloat(chosen[0].w()),
                    (float) chosen[0].intercept(), toFloat(chosen[1].w()), (float) chosen[1].intercept(), trainedOn);
            for (String variant : optInto) {
                write(Path.of(optWrite), variant, head, headR);
            }
        }
        // the provider as shipped on the same test sentences: what it reports, and the anchors of its categories
        double[][] reported = new double[2][test.size()];
        double[][] anchor = new double[2][test.size()];
        double[][] gold = new double[2][test.size()];
        ExtractorOptions options = ExtractorOptions.builder().property("variant", optVariant).build();
        try (TextEmotionExtractor ex = ProviderRegistry.text().select(GoEmotionsMiniLmProvider.NAME).create(options)) {
            List<String> texts = new ArrayList<>();
            for (int i : test) {
                texts.add(rows.get(i)[0]);
            }
            List<TextAnalysis> r = ex.analyzeAll(texts);
            for (int k = 0; k < test.size(); k++) {
                Spectrum s = r.get(k).overall().spectrum();
                VadPoint a = VadAnchors.NRC_VAD_2018.project(s.probabilities());
                reported[0][k] = s.valence();
                reported[1][k] = s.arousal();
                anchor[0][k] = a.valence();
                anchor[1][k] = a.arousal();
                gold[0][k] = Double.parseDouble(rows.get(test.get(k))[1]);
                gold[1][k] = Double.parseDouble(rows.get(test.get(k))[2]);
            }
            System.out.printf("provider %s, variant %s (model %s), on EmoBank test:%n", GoEmotionsMiniLmProvider.NAME, optVariant, ex.model());
        }
        System.out.println("| dimension | ridge head on cached features (lambda from dev) | provider as shipped reports | anchors of its categories (NRC VAD) |");
        System.out.println("| --- | --- | --- | --- |");
        for (int t = 0; t < 2; t++) {
            System.out.printf(Locale.ROOT, "| %s | r = %.3f (lambda %.0f) | r = %.3f | r = %.3f |%n", names[t], headR[t][1], headR[t][0],
                    pearson(reported[t], gold[t]), pearson(anchor[t], gold[t]));
        }
        return 0;
    }

    /** Writes the head into one bundled variant's directory, with its NOTICE section and SHA256SUMS lines. */
    static void write(Path resources, String variant, ValenceArousalHead head, double[][] testR) throws IOException {
        String dirName = TextModels.VARIANTS.get(variant);
        if (dirName == null) {
            throw new IllegalArgumentException("unknown variant " + variant + "; bundled: " + TextModels.VARIANTS.keySet());
        }
        Path dir = resources.resolve(dirName);
        String recipe = Files.readString(dir.resolve("encoder.recipe"));
        String int8Recipe = Files.readString(resources.resolve(TextModels.VARIANTS.get("int8")).resolve("encoder.recipe"));
        if (!recipe.equals(int8Recipe)) {
            throw new IllegalArgumentException("variant " + variant + " does not read the int8 encoder the features came from");
        }
        head.write(dir.resolve(ValenceArousalHead.FILE_NAME));
        Path notice = dir.resolve("NOTICE");
        String text = Files.readString(notice);
        int at = text.indexOf(NOTICE_SECTION);
        if (at >= 0) {
            text = text.substring(0, at);
        }
        text += String.format(Locale.ROOT, """
                %s valence and arousal of its own (io.emospectrum.text.head.ValenceArousalHead), a linear head on the
                  encoder's pooled features, written by io.emospectrum.tools.text.ValenceArousalRidge (./emospectrum-tools evaluate text-va --write).
                  Trained on %s.
                  EmoBank test Pearson r on cached features: valence %.3f, arousal %.3f.
                  Training data: EmoBank (Buechel and Hahn, EACL 2017), JULIELab/EmoBank @ 248ce2a, CC BY-SA 4.0: this file is
                  shared under the same licence (CC BY-SA 4.0), with attribution to the EmoBank authors.
                """, NOTICE_SECTION, head.trainedOn(), testR[0][1], testR[1][1]);
        Files.writeString(notice, text);
        Path sums = dir.resolve("SHA256SUMS");
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(sums)) {
            String name = line.substring(line.indexOf("  ") + 2);
            if (!name.equals("NOTICE") && !name.equals(ValenceArousalHead.FILE_NAME)) {
                out.append(line).append('\n');
            }
        }
        for (String f : List.of(ValenceArousalHead.FILE_NAME, "NOTICE")) {
            out.append(ModelManifest.sha256(dir.resolve(f))).append("  ").append(f).append('\n');
        }
        Files.writeString(sums, out.toString());
        System.out.println("wrote " + dir.resolve(ValenceArousalHead.FILE_NAME) + "; pin its manifest in TextModels.MANIFEST_SHA256: "
                + ModelManifest.sha256(sums));
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    static double pearson(Ridge m, float[][] x, List<String[]> rows, List<Integer> idx, int col) {
        double[] p = new double[idx.size()];
        double[] g = new double[idx.size()];
        for (int k = 0; k < idx.size(); k++) {
            p[k] = m.predict(x[idx.get(k)]);
            g[k] = Double.parseDouble(rows.get(idx.get(k))[col]);
        }
        return pearson(p, g);
    }

    static double pearson(double[] a, double[] b) {
        int n = a.length;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i] / n;
            mb += b[i] / n;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** Ridge regression on standardized features, intercept unpenalized. */
    record Ridge(double[] mean, double[] std, double[] w, double intercept) {
        static Ridge fit(float[][] x, List<String[]> rows, List<Integer> idx, int col, double lambda) {
            int d = x[0].length;
            int n = idx.size();
            double[] mean = new double[d];
            double[] std = new double[d];
            double ym = 0;
            for (int i : idx) {
                for (int j = 0; j < d; j++) {
                    mean[j] += x[i][j] / (double) n;
                }
                ym += Double.parseDouble(rows.get(i)[col]) / n;
            }
            for (int i : idx) {
                for (int j = 0; j < d; j++) {
                    std[j] += (x[i][j] - mean[j]) * (x[i][j] - mean[j]) / n;
                }
            }
            for (int j = 0; j < d; j++) {
                std[j] = Math.sqrt(std[j] + 1e-8);
            }
            double[][] ata = new double[d][d];
            double[] aty = new double[d];
            double[] z = new double[d];
            for (int i : idx) {
                for (int j = 0; j < d; j++) {
                    z[j] = (x[i][j] - mean[j]) / std[j];
                }
                double y = Double.parseDouble(rows.get(i)[col]) - ym;
                for (int j = 0; j < d; j++) {
                    double zj = z[j];
                    aty[j] += zj * y;
                    double[] row = ata[j];
                    for (int k = 0; k <= j; k++) {
                        row[k] += zj * z[k];
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                ata[j][j] += lambda;
                for (int k = 0; k < j; k++) {
                    ata[k][j] = ata[j][k];
                }
            }
            return new Ridge(mean, std, cholSolve(ata, aty), ym);
        }

        double predict(float[] x) {
            double s = intercept;
            for (int j = 0; j < w.length; j++) {
                s += w[j] * (x[j] - mean[j]) / std[j];
            }
            return s;
        }

        /** Solves A w = b for symmetric positive definite A (Cholesky, in place). */
        static double[] cholSolve(double[][] a, double[] b) {
            int n = b.length;
            for (int j = 0; j < n; j++) {
                double s = a[j][j];
                for (int k = 0; k < j; k++) {
                    s -= a[j][k] * a[j][k];
                }
                a[j][j] = Math.sqrt(s);
                for (int i = j + 1; i < n; i++) {
                    double t = a[i][j];
                    for (int k = 0; k < j; k++) {
                        t -= a[i][k] * a[j][k];
                    }
                    a[i][j] = t / a[j][j];
                }
            }
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double t = b[i];
                for (int k = 0; k < i; k++) {
                    t -= a[i][k] * y[k];
                }
                y[i] = t / a[i][i];
            }
            double[] w = new double[n];
            for (int i = n - 1; i >= 0; i--) {
                double t = y[i];
                for (int k = i + 1; k < n; k++) {
                    t -= a[k][i] * w[k];
                }
                w[i] = t / a[i][i];
            }
            return w;
        }
    }
}
