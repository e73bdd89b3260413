package io.emospectrum.tools.text;

import java.util.List;

/** Precision, recall and F1 per label for multi-label predictions, threshold tuning, macro averages. */
public final class MultiLabelMetrics {
    private MultiLabelMetrics() {
    }

    /** Counts and F1 of one label. */
    public record LabelF1(String label, int support, double precision, double recall, double f1) {
    }

    /**
     * Predicted labels: every label whose probability reaches its threshold; a row where none
     * does gets its label with the highest probability relative to threshold (every GoEmotions
     * comment has at least one label).
     */
    public static boolean[][] predict(float[][] probs, float[] thresholds) {
        boolean[][] out = new boolean[probs.length][];
        for (int i = 0; i < probs.length; i++) {
            float[] p = probs[i];
            boolean[] row = new boolean[p.length];
            boolean any = false;
            int best = 0;
            for (int k = 0; k < p.length; k++) {
                row[k] = p[k] >= thresholds[k];
                any |= row[k];
                if (p[k] / thresholds[k] > p[best] / thresholds[best]) {
                    best = k;
                }
            }
            if (!any) {
                row[best] = true;
            }
            out[i] = row;
        }
        return out;
    }

    public static LabelF1[] perLabel(boolean[][] pred, float[][] gold, List<String> labels) {
        LabelF1[] out = new LabelF1[labels.size()];
        for (int k = 0; k < out.length; k++) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < pred.length; i++) {
                boolean g = gold[i][k] > 0.5f;
                if (pred[i][k] && g) {
                    tp++;
                } else if (pred[i][k]) {
                    fp++;
                } else if (g) {
                    fn++;
                }
            }
            double p = tp + fp == 0 ? 0 : tp / (double) (tp + fp);
            double r = tp + fn == 0 ? 0 : tp / (double) (tp + fn);
            double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
            out[k] = new LabelF1(labels.get(k), tp + fn, p, r, f);
        }
        return out;
    }

    public static double macroF1(LabelF1[] perLabel) {
        double s = 0;
        for (LabelF1 l : perLabel) {
            s += l.f1();
        }
        return s / perLabel.length;
    }

    /** For each label independently, the threshold in [0.02, 0.95] that maximizes its F1 on {@code gold}. */
    public static float[] tuneThresholds(float[][] probs, float[][] gold) {
        int k = gold[0].length;
        float[] best = new float[k];
        for (int j = 0; j < k; j++) {
            double bestF = -1;
            for (int step = 2; step <= 95; step++) {
                float t = step / 100f;
                int tp = 0;
                int fp = 0;
                int fn = 0;
                for (int i = 0; i < probs.length; i++) {
                    boolean p = probs[i][j] >= t;
                    boolean g = gold[i][j] > 0.5f;
                    if (p && g) {
                        tp++;
                    } else if (p) {
                        fp++;
                    } else if (g) {
                        fn++;
                    }
                }
                double f = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
                if (f > bestF) {
                    bestF = f;
                    best[j] = t;
                }
            }
        }
        return best;
    }

    /** Groups label columns: {@code group[k]} is the group index of label {@code k}. */
    public static boolean[][] groupPredictions(boolean[][] pred, int[] group, int groups) {
        boolean[][] out = new boolean[pred.length][groups];
        for (int i = 0; i < pred.length; i++) {
            for (int k = 0; k < pred[i].length; k++) {
                out[i][group[k]] |= pred[i][k];
            }
        }
        return out;
    }

    public static float[][] groupTargets(float[][] gold, int[] group, int groups) {
        float[][] out = new float[gold.length][groups];
        for (int i = 0; i < gold.length; i++) {
            for (int k = 0; k < gold[i].length; k++) {
                if (gold[i][k] > 0.5f) {
                    out[i][group[k]] = 1f;
                }
            }
        }
        return out;
    }

    /**
     * Category-level scores of label probabilities: per category, the highest calibrated score
     * (see {@link io.emospectrum.text.score.ScoreCalibration}) among its labels.
     */
    public static float[][] groupScores(float[][] probs, float[] thresholds, int[] group, int groups) {
        io.emospectrum.text.score.ScoreCalibration c = io.emospectrum.text.score.ScoreCalibration.of(thresholds);
        float[][] out = new float[probs.length][groups];
        for (int i = 0; i < probs.length; i++) {
            float[] cal = c.calibrate(probs[i]);
            for (int k = 0; k < cal.length; k++) {
                out[i][group[k]] = Math.max(out[i][group[k]], cal[k]);
            }
        }
        return out;
    }
}
