package io.emospectrum.audio.io;

import java.util.Arrays;

/**
 * Streaming band-limited resampler (polyphase windowed sinc, Kaiser window) for one mono channel.
 * Integer rates are an exact rational ratio {@code L/M}, so the filter has {@code L} phases that
 * are computed once. Chunks may have any length: the tail of the input is kept between calls, so
 * chunked output equals one-shot output. Not thread-safe: one per stream and channel.
 */
public final class Resampler {
    /** Zero crossings of the sinc on each side, at the pass band; more means a steeper filter. */
    private static final int ZERO_CROSSINGS = 16;
    private static final double KAISER_BETA = 8.0;
    /** Cut-off as a fraction of the lower Nyquist frequency: leaves room for the transition band. */
    private static final double ROLL_OFF = 0.92;

    private final int inRate;
    private final int outRate;
    private final int up;
    private final int down;
    private final int half;
    private final float[][] phases;
    private float[] history = new float[0];
    private int historyLen;
    /** Absolute input index of {@code history[0]}. */
    private long historyStart;
    /** Absolute index of the next output sample. */
    private long nextOut;
    private long inputSeen;

    public Resampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("rates must be positive: " + inRate + " -> " + outRate);
        }
        this.inRate = inRate;
        this.outRate = outRate;
        int g = gcd(inRate, outRate);
        this.up = outRate / g;
        this.down = inRate / g;
        if (up == down) {
            this.half = 0;
            this.phases = null;
            return;
        }
        double fc = Math.min(1.0, (double) up / down) * ROLL_OFF; // relative to the input's Nyquist
        this.half = (int) Math.ceil(ZERO_CROSSINGS / fc);
        this.phases = new float[up][2 * half];
        double i0Beta = besselI0(KAISER_BETA);
        for (int p = 0; p < up; p++) {
            double frac = p / (double) up;
            for (int j = 0; j < 2 * half; j++) {
                int k = j - half + 1; // tap offset from floor(position)
                double t = k - frac;
                double x = t / half;
                double w = Math.abs(x) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - x * x)) / i0Beta;
                double s = t == 0 ? 1 : Math.sin(Math.PI * fc * t) / (Math.PI * fc * t);
                phases[p][j] = (float) (fc * s * w);
            }
        }
    }

    public int inRate() {
        return inRate;
    }

    public int outRate() {
        return outRate;
    }

    /** Resamples the next chunk; returns as many output samples as the input so far determines. */
    public float[] process(float[] in) {
        if (phases == null) {
            inputSeen += in.length;
            return in.clone();
        }
        append(in, in.length);
        inputSeen += in.length;
        return produce(inputSeen);
    }

    /** Emits the remaining output as if the input were followed by silence. */
    public float[] flush() {
        if (phases == null) {
            return new float[0];
        }
        long totalOut = (inputSeen * up + down - 1) / down;
        append(new float[half + 1], half + 1);
        float[] out = produce(inputSeen + half + 1);
        int keep = (int) Math.max(0, Math.min(out.length, totalOut - (nextOut - out.length)));
        return keep == out.length ? out : Arrays.copyOf(out, keep);
    }

    private float[] produce(long available) {
        // Output n needs input up to floor(n*down/up) + half.
        long lastIndex = available - 1 - half;
        if (lastIndex < 0) {
            return new float[0];
        }
        long maxOut = (lastIndex * up) / down; // largest n with floor(n*down/up) <= lastIndex
        int count = (int) Math.max(0, maxOut - nextOut + 1);
        float[] out = new float[count];
        for (int o = 0; o < count; o++) {
            long n = nextOut + o;
            long pos = n * down;
            long i0 = pos / up;
            int phase = (int) (pos % up);
            float[] h = phases[phase];
            int base = (int) (i0 - half + 1 - historyStart);
            double acc = 0;
            for (int j = 0; j < h.length; j++) {
                int idx = base + j;
                if (idx >= 0) { // before the first sample the signal is silence
                    acc += h[j] * history[idx];
                }
            }
            out[o] = (float) acc;
        }
        nextOut += count;
        // Keep only what future outputs can still reach.
        long firstNeeded = (nextOut * down) / up - half + 1;
        int drop = (int) Math.max(0, Math.min(historyLen, firstNeeded - historyStart));
        if (drop > 0) {
            System.arraycopy(history, drop, history, 0, historyLen - drop);
            historyLen -= drop;
            historyStart += drop;
        }
        return out;
    }

    private void append(float[] in, int n) {
        if (historyLen + n > history.length) {
            history = Arrays.copyOf(history, Math.max(historyLen + n, history.length * 2));
        }
        System.arraycopy(in, 0, history, historyLen, n);
        historyLen += n;
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
