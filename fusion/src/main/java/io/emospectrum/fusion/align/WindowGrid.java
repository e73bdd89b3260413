package io.emospectrum.fusion.align;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.spectrum.TimeSpan;

/**
 * The windows fused readings are resampled onto: window {@code k} spans
 * {@code [k * hop, k * hop + length)} seconds. {@code hop < length} gives overlapping windows,
 * {@code hop == length} a partition. The hop is at least {@value #MIN_HOP} s (at most 20 windows a
 * second: finer than any modality's readings, and the output stays bounded) and the length at most
 * {@value #MAX_LENGTH} s.
 */
public record WindowGrid(double length, double hop) {
    /** The smallest hop, in seconds. */
    public static final double MIN_HOP = 0.05;
    /** The longest window, in seconds. */
    public static final double MAX_LENGTH = 3600;

    /** One-second windows, no overlap. */
    public static final WindowGrid DEFAULT = new WindowGrid(1.0, 1.0);

    public WindowGrid {
        if (!(length >= MIN_HOP && length <= MAX_LENGTH)) {
            throw new ConfigurationException("window length must be in [" + MIN_HOP + ", " + MAX_LENGTH + "] seconds, was " + length);
        }
        if (!(hop >= MIN_HOP) || hop > length) {
            throw new ConfigurationException("window hop must be in [" + MIN_HOP + ", length=" + length + "] seconds, was " + hop);
        }
    }

    public double start(long index) {
        return index * hop;
    }

    public TimeSpan window(long index) {
        return new TimeSpan(start(index), start(index) + length);
    }

    /** The first window that overlaps {@code span} (for an instant: that contains it). */
    public long firstIndex(TimeSpan span) {
        // windows k with k*hop + length > start
        long k = (long) Math.floor((span.start() - length) / hop) + 1;
        return Math.max(0, k);
    }

    /** The last window that overlaps {@code span}; less than {@link #firstIndex} if none. */
    public long lastIndex(TimeSpan span) {
        if (span.duration() == 0) {
            return (long) Math.floor(span.start() / hop); // start <= t
        }
        // windows k with k*hop < end
        return (long) Math.ceil(span.end() / hop) - 1;
    }

    /** Number of windows needed to cover {@code [0, duration)}. */
    public long count(double duration) {
        if (duration <= 0) {
            return 0;
        }
        return Math.max(1, (long) Math.ceil((duration - length) / hop - 1e-9) + 1);
    }
}
