package io.emospectrum.text.score;

import io.emospectrum.error.InvalidOptionException;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.Tempering;

import java.util.Locale;

/**
 * Platt scaling of a reading's confidence, fitted on labelled texts of the caller's own domain
 * ({@code emospectrum-tools train text-domain-calibration}): {@code confidence' = sigmoid(a + b logit(confidence))},
 * the distribution re-tempered so that its dominant probability is that (the dominant category never
 * changes). No calibration fitted without a domain's labels knows how well the model reads that domain;
 * 200 labelled texts of it brought every left-out corpus to ECE 0.03-0.08 (docs/text-corpora.md).
 *
 * @param a intercept on the logit of the confidence
 * @param b slope on it, positive (a higher confidence stays higher)
 */
public record DomainCalibration(double a, double b) {
    /** What the provider option takes: {@code "a,b"}. */
    public static final String FORMAT = "A,B (two numbers: intercept and slope on the confidence's logit)";

    public DomainCalibration {
        if (!Double.isFinite(a) || !Double.isFinite(b) || b <= 0) {
            throw new IllegalArgumentException("a domain calibration needs a finite intercept and a positive slope, got " + a + ", " + b);
        }
    }

    /** Reads {@code "a,b"}. */
    public static DomainCalibration parse(String option, String text) {
        String[] parts = text.split(",");
        try {
            if (parts.length == 2) {
                return new DomainCalibration(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(option + " takes " + FORMAT + ": " + e.getMessage(), option, FORMAT);
        }
        throw new InvalidOptionException(option + " takes " + FORMAT + ", e.g. -0.4,0.9; got '" + text + "'", option, FORMAT);
    }

    /** The confidence after the calibration. */
    public double confidence(double c) {
        return 1 / (1 + Math.exp(-(a + b * logit(c))));
    }

    /** The logit of a confidence, kept finite at 0 and 1. */
    public static double logit(double c) {
        return Math.log(Math.max(1e-6, c) / Math.max(1e-6, 1 - c));
    }

    /** The distribution re-tempered so that its dominant probability is {@link #confidence} of its own. */
    public float[] apply(float[] p) {
        return Tempering.withTop(p, confidence(p[Spectrum.dominantIndex(p)]));
    }

    /** The option's text for this calibration. */
    public String option() {
        return String.format(Locale.ROOT, "%.4f,%.4f", a, b);
    }
}
