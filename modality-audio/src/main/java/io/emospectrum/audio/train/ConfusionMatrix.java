package io.emospectrum.audio.train;

import java.util.List;
import java.util.Locale;

/** Counts of true label (rows) by predicted label (columns), with accuracy and unweighted average recall. */
public final class ConfusionMatrix {
    private final List<String> labels;
    private final int[][] counts;

    public ConfusionMatrix(List<String> labels) {
        this.labels = List.copyOf(labels);
        this.counts = new int[labels.size()][labels.size()];
    }

    public void add(int truth, int predicted) {
        counts[truth][predicted]++;
    }

    /** Adds another matrix's counts (same labels): pools the folds of a cross-validation. */
    public void addAll(ConfusionMatrix other) {
        if (!other.labels.equals(labels)) {
            throw new IllegalArgumentException("labels differ: " + labels + " / " + other.labels);
        }
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts.length; j++) {
                counts[i][j] += other.counts[i][j];
            }
        }
    }

    public int total() {
        int n = 0;
        for (int[] row : counts) {
            for (int c : row) {
                n += c;
            }
        }
        return n;
    }

    public double accuracy() {
        int ok = 0;
        for (int i = 0; i < counts.length; i++) {
            ok += counts[i][i];
        }
        return total() == 0 ? 0 : ok / (double) total();
    }

    /** Mean of the per-label recalls over labels that occur: insensitive to class imbalance. */
    public double unweightedAverageRecall() {
        double sum = 0;
        int present = 0;
        for (int i = 0; i < counts.length; i++) {
            int row = 0;
            for (int c : counts[i]) {
                row += c;
            }
            if (row > 0) {
                sum += counts[i][i] / (double) row;
                present++;
            }
        }
        return present == 0 ? 0 : sum / present;
    }

    public String format() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-10s", "true\\pred"));
        for (String l : labels) {
            b.append(String.format(Locale.ROOT, "%6.5s", l));
        }
        b.append('\n');
        for (int i = 0; i < counts.length; i++) {
            b.append(String.format(Locale.ROOT, "%-10s", labels.get(i)));
            for (int c : counts[i]) {
                b.append(String.format(Locale.ROOT, "%6d", c));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
