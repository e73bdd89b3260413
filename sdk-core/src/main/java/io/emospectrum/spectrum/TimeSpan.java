package io.emospectrum.spectrum;

/** A span of media time in seconds, {@code start <= end}. */
public record TimeSpan(double start, double end) {
    public TimeSpan {
        if (!(start >= 0) || !(end >= start) || Double.isInfinite(end)) {
            throw new IllegalArgumentException("invalid time span [" + start + ", " + end + "]");
        }
    }

    public double duration() {
        return end - start;
    }

    /** Length of the intersection with {@code other}, 0 if they do not overlap. */
    public double overlap(TimeSpan other) {
        return Math.max(0, Math.min(end, other.end) - Math.max(start, other.start));
    }
}
