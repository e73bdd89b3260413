package io.emospectrum.image.frame;

import io.emospectrum.error.ConfigurationException;

/**
 * Which decoded frames of a video are analyzed: every frame, every Nth, or as close as possible
 * to a target rate (by timestamp, so variable-rate video samples evenly in time).
 *
 * @param everyNth  keep one frame in {@code everyNth} (1: all); used when {@code targetFps} is 0
 * @param targetFps frames per second to keep, 0 for none
 */
public record FrameSampling(int everyNth, double targetFps) {
    public FrameSampling {
        if (everyNth < 1) {
            throw new ConfigurationException("every-Nth must be >= 1, was " + everyNth);
        }
        if (!(targetFps >= 0) || Double.isInfinite(targetFps)) {
            throw new ConfigurationException("target fps must be finite and >= 0, was " + targetFps);
        }
    }

    public static FrameSampling everyFrame() {
        return new FrameSampling(1, 0);
    }

    public static FrameSampling everyNth(int n) {
        return new FrameSampling(n, 0);
    }

    public static FrameSampling targetFps(double fps) {
        if (!(fps > 0)) {
            throw new ConfigurationException("target fps must be > 0, was " + fps);
        }
        return new FrameSampling(1, fps);
    }

    /** A stateful filter for one pass over one video. */
    public Sampler newSampler() {
        return new Sampler(this);
    }

    /** Decides frame by frame; not thread-safe. */
    public static final class Sampler {
        private final FrameSampling sampling;
        private long index;
        private double nextTime = Double.NEGATIVE_INFINITY;

        private Sampler(FrameSampling sampling) {
            this.sampling = sampling;
        }

        /** Whether the next decoded frame, at {@code seconds}, is kept. */
        public boolean keep(double seconds) {
            long i = index++;
            if (sampling.targetFps() > 0) {
                if (seconds + 1e-6 >= nextTime) {
                    double step = 1 / sampling.targetFps();
                    // Catch up without bursts after a gap in the timestamps.
                    nextTime = nextTime == Double.NEGATIVE_INFINITY || seconds - nextTime > step ? seconds + step : nextTime + step;
                    return true;
                }
                return false;
            }
            return i % sampling.everyNth() == 0;
        }
    }
}
