package io.emospectrum.tools.text;

/**
 * How well confidence tracks accuracy. Expected calibration error (ECE): predictions are put into
 * {@value #BINS} equal-width bins by confidence ([0, 1/15), ..., [14/15, 1]); ECE is the mean over
 * bins, weighted by their share of predictions, of |accuracy in the bin - mean confidence in the
 * bin| (Guo et al., 2017). 0 is perfectly calibrated.
 */
public final class CalibrationMetrics {
    /** Fixed binning, so that figures from different runs and corpora compare. */
    public static final int BINS = 15;

    private CalibrationMetrics() {
    }

    /** Accuracy, mean confidence and ECE of a set of predictions. */
    public record Summary(int n, double accuracy, double meanConfidence, double ece) {
        @Override
        public String toString() {
            return String.format("n %d, accuracy %.4f, mean confidence %.4f, ECE %.4f (%d equal-width bins)", n, accuracy, meanConfidence, ece, BINS);
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
        return new Summary(n, n == 0 ? 0 : acc / n, n == 0 ? 0 : meanConf / n, ece);
    }
}
