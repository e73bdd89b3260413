package io.emospectrum.tools.eval;

import java.util.List;
import java.util.Locale;

/**
 * Counts of true class (rows) by predicted class (columns), with accuracy, per-class recall and
 * unweighted average recall. Shared by the face and voice evaluations.
 */
public final class ConfusionMatrix {
    private final List<String> classes;
    private final long[][] counts;

    public ConfusionMatrix(List<String> classes) {
        this.classes = List.copyOf(classes);
        this.counts = new long[classes.size()][classes.size()];
    }

    public void add(int truth, int predicted) {
        counts[truth][predicted]++;
    }

    /** Adds another matrix's counts (same classes): pools the folds of a cross-validation. */
    public void addAll(ConfusionMatrix other) {
        if (!other.classes.equals(classes)) {
            throw new IllegalArgumentException("classes differ: " + classes + " / " + other.classes);
        }
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts.length; j++) {
                counts[i][j] += other.counts[i][j];
            }
        }
    }

    public long total() {
        long n = 0;
        for (long[] row : counts) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    public double accuracy() {
        long hit = 0;
        for (int i = 0; i < counts.length; i++) {
            hit += counts[i][i];
        }
        long n = total();
        return n == 0 ? 0 : hit / (double) n;
    }

    /** Recall of one class; 0 when it does not occur. */
    public double recall(int c) {
        long n = 0;
        for (long v : counts[c]) {
            n += v;
        }
        return n == 0 ? 0 : counts[c][c] / (double) n;
    }

    /** Mean of the per-class recalls over the classes that occur: insensitive to class imbalance. */
    public double unweightedAverageRecall() {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < counts.length; c++) {
            long row = 0;
            for (long v : counts[c]) {
                row += v;
            }
            if (row > 0) {
                sum += counts[c][c] / (double) row;
                present++;
            }
        }
        return present == 0 ? 0 : sum / present;
    }

    /** A plain-text report: accuracy, per-class recall, then {@link #format()}. */
    public String report() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "accuracy %.4f (%d samples), unweighted average recall %.4f%n",
                accuracy(), total(), unweightedAverageRecall()));
        b.append("per-class recall:\n");
        for (int c = 0; c < classes.size(); c++) {
            b.append(String.format(Locale.ROOT, "  %-9s %.4f%n", classes.get(c), recall(c)));
        }
        b.append("confusion matrix (rows: true class, columns: predicted):\n");
        return b.append(format()).toString();
    }

    /** The matrix as a table, rows: true class, columns: predicted class. */
    public String format() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-10s", "true\\pred"));
        for (String c : classes) {
            b.append(String.format(Locale.ROOT, "%10.9s", c));
        }
        b.append('\n');
        for (int i = 0; i < counts.length; i++) {
            b.append(String.format(Locale.ROOT, "%-10s", classes.get(i)));
            for (long c : counts[i]) {
                b.append(String.format(Locale.ROOT, "%10d", c));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
