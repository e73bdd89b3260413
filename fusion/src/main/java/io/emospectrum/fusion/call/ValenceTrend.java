package io.emospectrum.fusion.call;

import io.emospectrum.spectrum.EmotionReading;

import java.util.List;

/**
 * How a party's valence moved over the call: the least-squares slope (per minute, confidence
 * weighted) and the mean of the first and the last third of the scored windows.
 *
 * @param slopePerMinute  change of valence per minute
 * @param firstThird      mean valence of the first third of the windows
 * @param lastThird       mean valence of the last third
 * @param direction       the reading in one word
 */
public record ValenceTrend(double slopePerMinute, double firstThird, double lastThird, Direction direction) {
    /** Changes smaller than this (valence units across the call) count as steady. */
    private static final double STEADY = 0.1;

    public enum Direction { IMPROVING, STEADY, WORSENING, UNKNOWN }

    public static ValenceTrend of(List<EmotionReading> windows) {
        if (windows.size() < 3) {
            return new ValenceTrend(0, Double.NaN, Double.NaN, Direction.UNKNOWN);
        }
        double sw = 0;
        double st = 0;
        double sv = 0;
        for (EmotionReading r : windows) {
            double w = Math.max(1e-3, r.confidence());
            sw += w;
            st += w * mid(r);
            sv += w * r.spectrum().valence();
        }
        double mt = st / sw;
        double mv = sv / sw;
        double cov = 0;
        double var = 0;
        for (EmotionReading r : windows) {
            double w = Math.max(1e-3, r.confidence());
            cov += w * (mid(r) - mt) * (r.spectrum().valence() - mv);
            var += w * (mid(r) - mt) * (mid(r) - mt);
        }
        double slope = var == 0 ? 0 : cov / var * 60;
        int third = windows.size() / 3;
        double first = mean(windows.subList(0, third));
        double last = mean(windows.subList(windows.size() - third, windows.size()));
        double change = last - first;
        Direction d = Math.abs(change) < STEADY ? Direction.STEADY : change > 0 ? Direction.IMPROVING : Direction.WORSENING;
        return new ValenceTrend(slope, first, last, d);
    }

    private static double mid(EmotionReading r) {
        return (r.span().time().start() + r.span().time().end()) / 2;
    }

    private static double mean(List<EmotionReading> rs) {
        double s = 0;
        for (EmotionReading r : rs) {
            s += r.spectrum().valence();
        }
        return s / rs.size();
    }
}
