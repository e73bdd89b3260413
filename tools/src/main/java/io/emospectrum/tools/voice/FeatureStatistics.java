package io.emospectrum.tools.voice;

/**
 * Per-dimension mean and standard deviation of window feature rows, accumulated row by row: the
 * z-normalization statistics a voice model ships in {@code voice-model.json}.
 */
final class FeatureStatistics {
    private final double[] sum;
    private final double[] sq;
    private long n;

    FeatureStatistics(int dimension) {
        sum = new double[dimension];
        sq = new double[dimension];
    }

    void add(float[] row) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += row[i];
            sq[i] += row[i] * (double) row[i];
        }
        n++;
    }

    /** {mean, std}; a std floor of 1e-3 keeps a constant dimension from dividing by zero. */
    float[][] meanAndStd() {
        if (n == 0) {
            throw new IllegalStateException("no feature rows to take statistics of");
        }
        float[] mean = new float[sum.length];
        float[] std = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            mean[i] = (float) (sum[i] / n);
            std[i] = (float) Math.max(1e-3, Math.sqrt(Math.max(0, sq[i] / n - mean[i] * (double) mean[i])));
        }
        return new float[][] {mean, std};
    }
}
