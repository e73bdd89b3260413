package io.emospectrum.tools.text;

/**
 * How well confidence tracks accuracy. Expected calibration error (ECE): predictions are put into
 * {@value #BINS} equal-width bins by confidence ([0, 1/15), ..., [14/15, 1]); ECE is the mean over
 * bins, weighted by their share of predictions, of |accuracy in the bin - mean confidence in the
 * bin| (Guo et al., 2017). 0 is perfectly calibrated. ECE alone rewards saying the same thing every time
 * (a constant confidence at the accuracy scores 0), so AUROC is given beside it: whether confidence
 * separates right readings from wrong ones.
 */
public final class CalibrationMetrics {
    /** Fixed binning, so that figures from different runs and corpora compare. */
    public static final int BINS = 15;

    private CalibrationMetrics() {
    }

    /**
     * Accuracy, mean confidence and ECE of a set of predictions.
     *
     * @param auroc the chance that a right prediction is more confident than a wrong one (ties count
     *              half): 0.5 when confidence does not tell them apart, 1 when it always does; NaN
     *              when every prediction is right or every one is wrong
     */
    public record Summary(int n, double accuracy, double meanConfidence, double ece, double auroc) {
        @Override
        public String toString() {
            return String.format("n %d, accuracy %.4f, mean confidence %.4f, ECE %.4f (%d equal-width bins), AUROC %.4f", n, accuracy,
                    meanConfidence, ece, BINS, auroc);
        }
    }

    public static Summary summarize(double[] confidence, boolean[] correct) {
        if (confidence.length != correct.length) {
            throw new IllegalArgumentException(confidence.length + " confidences for " + correct.length + " outcomes");
        }
        int n = confidence.length;
        double[] conf = new double[BINS];
        double[] hits = new double[BINS];
        int[] count = new int[BINS];
        double meanConf = 0;
        double acc = 0;
        for (int i = 0; i < n; i++) {
            double c = confidence[i];
            if (!(c >= 0 && c <= 1)) {
                throw new IllegalArgumentException("confidence " + c + " is not in [0, 1]");
            }
            int b = Math.min(BINS - 1, (int) (c * BINS));
            conf[b] += c;
            hits[b] += correct[i] ? 1 : 0;
            count[b]++;
            meanConf += c;
            acc += correct[i] ? 1 : 0;
        }
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                ece += Math.abs(hits[b] - conf[b]) / n;
            }
        }
        return new Summary(n, n == 0 ? 0 : acc / n, n == 0 ? 0 : meanConf / n, ece, auroc(confidence, correct));
    }

    /** Mann-Whitney: the rank sum of the right predictions' confidences, tied confidences sharing their mean rank. */
    static double auroc(double[] confidence, boolean[] correct) {
        int n = confidence.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(confidence[a], confidence[b]));
        double rankSum = 0;
        long right = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && confidence[order[j + 1]] == confidence[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1; // ranks from 1, ties get their mean
            for (int k = i; k <= j; k++) {
                if (correct[order[k]]) {
                    rankSum += rank;
                    right++;
                }
            }
            i = j + 1;
        }
        long wrong = n - right;
        if (right == 0 || wrong == 0) {
            return Double.NaN;
        }
        return (rankSum - right * (right + 1) / 2.0) / ((double) right * wrong);
    }
}
