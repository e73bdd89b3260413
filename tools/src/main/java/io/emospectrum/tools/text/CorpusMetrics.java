package io.emospectrum.tools.text;

import java.util.TreeSet;

/**
 * Single-label category metrics on one corpus: macro-F1 over the categories that occur in its gold
 * labels (a corpus without neutral is not scored on neutral, though predicting it counts as an
 * error), accuracy, and {@link CalibrationMetrics} of the confidences.
 */
public final class CorpusMetrics {
    private CorpusMetrics() {
    }

    /** @param auroc whether confidence separates right readings from wrong ones ({@link CalibrationMetrics.Summary#auroc}) */
    public record Result(int n, double macroF1, double accuracy, double meanConfidence, double ece, double auroc) {
    }

    public static Result of(int[] gold, int[] predicted, double[] confidence, int classes) {
        TreeSet<Integer> present = new TreeSet<>();
        for (int g : gold) {
            present.add(g);
        }
        int[] tp = new int[classes];
        int[] fp = new int[classes];
        int[] fn = new int[classes];
        boolean[] hit = new boolean[gold.length];
        for (int i = 0; i < gold.length; i++) {
            hit[i] = gold[i] == predicted[i];
            if (hit[i]) {
                tp[gold[i]]++;
            } else {
                fp[predicted[i]]++;
                fn[gold[i]]++;
            }
        }
        double f1 = 0;
        for (int c : present) {
            double denom = 2.0 * tp[c] + fp[c] + fn[c];
            f1 += denom == 0 ? 0 : 2.0 * tp[c] / denom;
        }
        CalibrationMetrics.Summary s = CalibrationMetrics.summarize(confidence, hit);
        return new Result(gold.length, f1 / present.size(), s.accuracy(), s.meanConfidence(), s.ece(), s.auroc());
    }
}
