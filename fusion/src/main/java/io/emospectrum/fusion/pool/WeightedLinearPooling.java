package io.emospectrum.fusion.pool;

import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.VadPoint;

import java.util.List;

/**
 * Weighted linear opinion pool: {@code p(c) = sum_m w_m p_m(c)} with normalized weights.
 * Keeps every category any expert believes in (a mixture), so one confident wrong expert cannot
 * veto the others.
 */
public final class WeightedLinearPooling implements PoolingStrategy {
    public static final String NAME = "linear";
    private static final ModelId MODEL = new ModelId("fusion-" + NAME, "1");

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
        double[] p = new double[EmotionCategory.COUNT];
        for (int i = 0; i < w.length; i++) {
            float[] pi = inputs.get(i).spectrum().probabilities();
            for (int c = 0; c < p.length; c++) {
                p[c] += w[i] * pi[c];
            }
        }
        VadPoint vad = Weights.dimensions(inputs, w);
        return Spectrum.of(toFloats(p), vad.valence(), vad.arousal());
    }

    static float[] toFloats(double[] p) {
        float[] f = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            f[i] = (float) p[i];
        }
        return f;
    }
}
