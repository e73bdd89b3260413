package io.emospectrum.fusion.pool;

import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.VadPoint;

import java.util.List;

/**
 * Log-linear pool (product of experts): {@code p(c) ~ prod_m max(p_m(c), floor)^(w_m)} with
 * normalized weights, renormalized over the categories. Categories all experts agree on are
 * sharpened; a category any trusted expert rules out is suppressed. The floor keeps a single
 * zero from vetoing a category outright (softmax outputs are never exactly 0 anyway).
 */
public final class LogLinearPooling implements PoolingStrategy {
    public static final String NAME = "log-linear";
    /** Default floor for probabilities before taking logs. */
    public static final double DEFAULT_FLOOR = 1e-6;
    private static final ModelId MODEL = new ModelId("fusion-" + NAME, "1");

    private final double floor;

    public LogLinearPooling() {
        this(DEFAULT_FLOOR);
    }

    public LogLinearPooling(double floor) {
        if (!(floor > 0 && floor < 1)) {
            throw new IllegalArgumentException("floor must be in (0, 1), was " + floor);
        }
        this.floor = floor;
    }

    public double floor() {
        return floor;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ModelId model() {
        return MODEL;
    }

    @Override
    public Spectrum pool(List<PoolInput> inputs) {
        double[] w = Weights.normalized(inputs);
        double[] logP = new double[EmotionCategory.COUNT];
        for (int i = 0; i < w.length; i++) {
            float[] pi = inputs.get(i).spectrum().probabilities();
            for (int c = 0; c < logP.length; c++) {
                logP[c] += w[i] * Math.log(Math.max(pi[c], floor));
            }
        }
        // normalize in log space (log-sum-exp) so small products do not underflow
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logP) {
            max = Math.max(max, l);
        }
        double sum = 0;
        double[] p = new double[logP.length];
        for (int c = 0; c < p.length; c++) {
            p[c] = Math.exp(logP[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
        VadPoint vad = Weights.dimensions(inputs, w);
        return Spectrum.of(WeightedLinearPooling.toFloats(p), vad.valence(), vad.arousal());
    }
}
