package io.emospectrum.image.eval;

import java.util.List;

/** Counts of (true class, predicted class), with accuracy and per-class recall. */
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

    public double recall(int c) {
        long n = 0;
        for (long v : counts[c]) {
            n += v;
        }
        return n == 0 ? 0 : counts[c][c] / (double) n;
    }

    public double macroRecall() {
        double s = 0;
        for (int c = 0; c < counts.length; c++) {
            s += recall(c);
        }
        return s / counts.length;
    }

    /** A plain-text report: accuracy, per-class recall, the matrix (rows: truth, columns: prediction). */
    public String report() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("accuracy %.4f (%d images), macro recall %.4f%n", accuracy(), total(), macroRecall()));
        b.append("per-class recall:\n");
        for (int c = 0; c < classes.size(); c++) {
            b.append(String.format("  %-9s %.4f%n", classes.get(c), recall(c)));
        }
        b.append("confusion matrix (rows: true class, columns: predicted):\n");
        b.append(String.format("%-10s", ""));
        for (String c : classes) {
            b.append(String.format("%9s", c));
        }
        b.append('\n');
        for (int i = 0; i < classes.size(); i++) {
            b.append(String.format("%-10s", classes.get(i)));
            for (int j = 0; j < classes.size(); j++) {
                b.append(String.format("%9d", counts[i][j]));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
