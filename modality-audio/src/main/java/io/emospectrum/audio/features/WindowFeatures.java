package io.emospectrum.audio.features;

import java.util.List;

/**
 * Builds the net's input for one window from its frames: energy made relative to the window's
 * loudest frame (so the input level does not matter), regression deltas over +-2 frames, then
 * z-normalization with the training set's statistics.
 */
public final class WindowFeatures {
    private static final int DELTA_SPAN = 2;

    private WindowFeatures() {
    }

    /** A {@code frames.size() x windowDimension} matrix; normalized when {@code mean}/{@code std} are given. */
    public static float[][] build(FeatureConfig config, List<FrameFeatures> frames, float[] mean, float[] std) {
        return build(config, frames, false, false, mean, std);
    }

    /**
     * As {@link #build(FeatureConfig, List, float[], float[])}; with {@code cmn} the MFCCs first have
     * their mean over the window's speech frames removed; with {@code relativePitch} voiced frames'
     * log pitch is made relative to the window's median voiced pitch.
     */
    public static float[][] build(FeatureConfig config, List<FrameFeatures> frames, boolean cmn, boolean relativePitch,
                                  float[] mean, float[] std) {
        int n = frames.size();
        int raw = config.rawDimension();
        int energyIndex = config.mfccCount() - 1;
        float[][] x = new float[n][config.windowDimension()];
        float maxDb = -Float.MAX_VALUE;
        for (FrameFeatures f : frames) {
            maxDb = Math.max(maxDb, f.energyDb());
        }
        for (int t = 0; t < n; t++) {
            frames.get(t).copyTo(x[t], 0);
            x[t][energyIndex] -= maxDb;
        }
        if (cmn) {
            float threshold = Math.max(VoiceActivity.ABSOLUTE_DB, maxDb - VoiceActivity.RELATIVE_DB);
            double[] m = new double[energyIndex];
            int count = 0;
            for (int t = 0; t < n; t++) {
                if (frames.get(t).energyDb() > threshold) {
                    for (int d = 0; d < energyIndex; d++) {
                        m[d] += x[t][d];
                    }
                    count++;
                }
            }
            if (count > 0) {
                for (int t = 0; t < n; t++) {
                    for (int d = 0; d < energyIndex; d++) {
                        x[t][d] -= (float) (m[d] / count);
                    }
                }
            }
        }
        if (relativePitch) {
            int pitchIndex = energyIndex + 2;
            float[] voiced = new float[n];
            int count = 0;
            for (FrameFeatures f : frames) {
                if (f.voicing() > 0) {
                    voiced[count++] = f.logPitch();
                }
            }
            if (count > 0) {
                java.util.Arrays.sort(voiced, 0, count);
                float median = voiced[count / 2];
                for (int t = 0; t < n; t++) {
                    if (frames.get(t).voicing() > 0) {
                        x[t][pitchIndex] -= median;
                    }
                }
            }
        }
        double norm = 0;
        for (int k = 1; k <= DELTA_SPAN; k++) {
            norm += 2.0 * k * k;
        }
        for (int t = 0; t < n; t++) {
            for (int d = 0; d < raw; d++) {
                double acc = 0;
                for (int k = 1; k <= DELTA_SPAN; k++) {
                    float next = x[Math.min(n - 1, t + k)][d];
                    float prev = x[Math.max(0, t - k)][d];
                    acc += k * (next - prev);
                }
                x[t][raw + d] = (float) (acc / norm);
            }
        }
        if (mean != null) {
            for (float[] row : x) {
                for (int d = 0; d < row.length; d++) {
                    row[d] = (row[d] - mean[d]) / std[d];
                }
            }
        }
        return x;
    }
}
