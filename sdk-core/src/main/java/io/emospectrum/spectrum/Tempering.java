package io.emospectrum.spectrum;

/**
 * A temperature on a probability distribution: how sure a reading is, without changing what it reads
 * (the order of the categories, and so the dominant one, is kept). Calibrators and context blending
 * of every modality use it.
 */
public final class Tempering {
    private Tempering() {
    }

    /**
     * {@code p^(1/t)} renormalized: {@code t > 1} flattens, {@code t < 1} sharpens. A copy of {@code p}
     * when {@code t == 1} or nothing in it is positive.
     */
    public static float[] tempered(float[] p, double t) {
        double max = 0;
        for (float x : p) {
            max = Math.max(max, x);
        }
        if (t == 1 || max <= 0) {
            return p.clone();
        }
        double[] q = new double[p.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            q[i] = p[i] <= 0 ? 0 : Math.exp(Math.log(p[i] / max) / t);
            sum += q[i];
        }
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) (q[i] / sum);
        }
        return out;
    }

    /**
     * The distribution tempered (one temperature for this reading) so that its dominant probability is
     * {@code target}, found by bisection on the log temperature (the dominant probability falls as the
     * temperature rises); the nearest reachable value when the target is out of reach.
     */
    public static float[] withTop(float[] p, double target) {
        int top = Spectrum.dominantIndex(p);
        double lo = Math.log(1e-3);
        double hi = Math.log(1e3);
        for (int it = 0; it < 30; it++) { // 13.8 / 2^30: the temperature to 1e-8, far below a float's precision of the result
            double mid = (lo + hi) / 2;
            if (tempered(p, Math.exp(mid))[top] > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return tempered(p, Math.exp((lo + hi) / 2));
    }
}
