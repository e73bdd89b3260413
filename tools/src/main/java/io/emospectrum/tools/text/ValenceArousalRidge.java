package io.emospectrum.tools.text;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code va-ridge}: valence and arousal regressed on the shipped encoder's cached features of
 * EmoBank ({@link CorpusFeatures}: {@code emobank-rows.tsv}, {@code emobank-features.f32}; the
 * 1-5 ratings mapped to [-1, 1]). Ridge regression on standardized features, the penalty chosen
 * on EmoBank dev; prints Pearson r on EmoBank test next to that of the shipped provider's
 * anchor-based valence and arousal (the NRC VAD anchors of its categories) on the same sentences.
 *
 * <pre>./emospectrum-tools evaluate text-va --features /work/data-extra/text-features</pre>
 */
@Command(name = "text-va", mixinStandardHelpOptions = true, description = "EmoBank valence/arousal ridge head on encoder features vs the anchors: Pearson r.")
public final class ValenceArousalRidge implements Callable<Integer> {
    @Option(names = "--features")
    private String optFeatures;

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
            headR[target] = new double[]{bestLambda, pearson(m, x, rows, test, col)};
        }
        // the shipped provider's anchor-based dimensions on the same test sentences
        double[][] anchor = new double[2][test.size()];
        double[][] gold = new double[2][test.size()];
        try (TextEmotionExtractor ex = ProviderRegistry.text().select(GoEmotionsMiniLmProvider.NAME).create(ExtractorOptions.defaults())) {
            List<String> texts = new ArrayList<>();
            for (int i : test) {
                texts.add(rows.get(i)[0]);
            }
            List<TextAnalysis> r = ex.analyzeAll(texts);
            for (int k = 0; k < test.size(); k++) {
                anchor[0][k] = r.get(k).overall().spectrum().valence();
                anchor[1][k] = r.get(k).overall().spectrum().arousal();
                gold[0][k] = Double.parseDouble(rows.get(test.get(k))[1]);
                gold[1][k] = Double.parseDouble(rows.get(test.get(k))[2]);
            }
        }
        System.out.println("| dimension | ridge head on encoder features (lambda from dev) | shipped anchors (NRC VAD of the categories) |");
        System.out.println("| --- | --- | --- |");
        for (int t = 0; t < 2; t++) {
            System.out.printf(Locale.ROOT, "| %s | r = %.3f (lambda %.0f) | r = %.3f |%n", names[t], headR[t][1], headR[t][0], pearson(anchor[t], gold[t]));
        }
        return 0;
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
