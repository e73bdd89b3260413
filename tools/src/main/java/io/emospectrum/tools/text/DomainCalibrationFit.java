package io.emospectrum.tools.text;

import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.Tempering;
import io.emospectrum.text.score.DomainCalibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Fits a recalibration on a few labelled texts of the caller's own domain, applied on top of a model's
 * readings (the shipped form, {@link Form#PLATT}, is the text provider's {@code domain-calibration},
 * {@link DomainCalibration}). No calibration fitted without a domain's labels can know how well the model
 * reads that domain (docs/text-corpora.md); a few hundred labelled texts can. Every form keeps the
 * dominant category: it re-tempers the distribution.
 */
public final class DomainCalibrationFit {
    private DomainCalibrationFit() {
    }

    /** How the readings are recalibrated, and what the fit minimizes. */
    public enum Form {
        /** one temperature of the distribution, minimizing the negative log-likelihood of the gold category */
        TEMPERATURE_NLL,
        /** one temperature of the distribution, minimizing the log loss of the confidence against a right reading */
        TEMPERATURE_TOP,
        /** the confidence's logit shifted by one constant (log loss of the confidence): mean confidence meets accuracy */
        SHIFT,
        /** the confidence's logit scaled and shifted (Platt scaling, log loss of the confidence) */
        PLATT
    }

    /** A fitted recalibration: {@code a, b} of the logit (SHIFT, PLATT) or the temperature in {@code b} (the temperature forms). */
    public record Fitted(Form form, double a, double b) {
        /** The distribution recalibrated (the same dominant category). */
        public float[] apply(float[] p) {
            return switch (form) {
                case TEMPERATURE_NLL, TEMPERATURE_TOP -> Tempering.tempered(p, b);
                case SHIFT, PLATT -> calibration().apply(p);
            };
        }

        /** The provider's form of a SHIFT or PLATT fit. */
        public DomainCalibration calibration() {
            if (form == Form.TEMPERATURE_NLL || form == Form.TEMPERATURE_TOP) {
                throw new IllegalStateException(form + " is not a Platt scaling");
            }
            return new DomainCalibration(a, b);
        }
    }

    /** The recalibration of {@code form} with the lowest loss on the labelled readings. */
    public static Fitted fit(Form form, List<float[]> p, int[] gold) {
        if (p.isEmpty() || p.size() != gold.length) {
            throw new IllegalArgumentException("need as many labels as readings, at least one; got " + p.size() + " and " + gold.length);
        }
        return switch (form) {
            case TEMPERATURE_NLL, TEMPERATURE_TOP -> new Fitted(form, 0,
                    Math.exp(goldenSection(Math.log(0.1), Math.log(10), t -> temperatureLoss(p, gold, Math.exp(t), form))));
            case SHIFT -> new Fitted(form, goldenSection(-6, 6, a -> logitLoss(p, gold, a, 1)), 1);
            case PLATT -> platt(p, gold);
        };
    }

    /** The minimum of a function unimodal on [lo, hi], by 60 golden-section steps. */
    static double goldenSection(double lo, double hi, java.util.function.DoubleUnaryOperator f) {
        double phi = (Math.sqrt(5) - 1) / 2;
        for (int it = 0; it < 60; it++) {
            double a = hi - phi * (hi - lo);
            double b = lo + phi * (hi - lo);
            if (f.applyAsDouble(a) < f.applyAsDouble(b)) {
                hi = b;
            } else {
                lo = a;
            }
        }
        return (lo + hi) / 2;
    }

    private static double temperatureLoss(List<float[]> p, int[] gold, double t, Form form) {
        double s = 0;
        for (int i = 0; i < p.size(); i++) {
            float[] q = Tempering.tempered(p.get(i), t);
            int top = Spectrum.dominantIndex(q);
            double like = form == Form.TEMPERATURE_NLL ? q[gold[i]] : top == gold[i] ? q[top] : 1 - q[top];
            s -= Math.log(Math.max(1e-12, like));
        }
        return s / p.size();
    }

    private static double logitLoss(List<float[]> p, int[] gold, double a, double b) {
        double s = 0;
        for (int i = 0; i < p.size(); i++) {
            int top = Spectrum.dominantIndex(p.get(i));
            double c = new DomainCalibration(a, b).confidence(p.get(i)[top]);
            s -= Math.log(Math.max(1e-12, top == gold[i] ? c : 1 - c));
        }
        return s / p.size();
    }

    /** Platt scaling by Newton's method on (intercept, slope) of the confidence's logit, a slope kept in [0.05, 20]. */
    private static Fitted platt(List<float[]> p, int[] gold) {
        double a = 0;
        double b = 1;
        for (int it = 0; it < 50; it++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-6;
            double hab = 0;
            double hbb = 1e-6;
            for (int i = 0; i < p.size(); i++) {
                int top = Spectrum.dominantIndex(p.get(i));
                double c = p.get(i)[top];
                double x = DomainCalibration.logit(c);
                double q = 1 / (1 + Math.exp(-(a + b * x)));
                double y = top == gold[i] ? 1 : 0;
                double w = q * (1 - q);
                ga += q - y;
                gb += (q - y) * x;
                haa += w;
                hab += w * x;
                hbb += w * x * x;
            }
            double det = haa * hbb - hab * hab;
            if (det <= 1e-12) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            if (b - db < 0.05 || b - db > 20) { // at the bound: the slope stays there, the intercept's own Newton step
                db = b - Math.max(0.05, Math.min(20, b - db));
                da = ga / haa;
            }
            a -= da;
            b -= db;
            if (Math.abs(da) + Math.abs(db) < 1e-9) {
                break;
            }
        }
        return new Fitted(Form.PLATT, a, b);
    }

    /** Accuracy, confidence, ECE and AUROC of readings under a recalibration (null: as they are). */
    public static CorpusMetrics.Result score(List<float[]> p, int[] gold, Fitted f) {
        int[] pred = new int[p.size()];
        double[] conf = new double[p.size()];
        for (int i = 0; i < p.size(); i++) {
            float[] q = f == null ? p.get(i) : f.apply(p.get(i));
            pred[i] = Spectrum.dominantIndex(q);
            conf[i] = q[pred[i]];
        }
        return CorpusMetrics.of(gold, pred, conf, EmotionCategory.COUNT);
    }

    /**
     * A left-out corpus's readings as the model calibrates them: a pool to draw labelled samples from ({@code pool}) and the
     * readings scored.
     */
    record Domain(String name, List<float[]> pool, int[] poolGold, List<float[]> scored, int[] scoredGold) {
    }

    /**
     * For every domain and sample size: {@code repeats} random samples of that many labelled texts of the pool, a recalibration
     * fitted on each, the scored rows scored under it; prints the mean ECE (and the largest of the repeats) against the
     * readings as they come, and the largest mean ECE over the domains per size.
     */
    static void print(List<Domain> domains, List<Integer> sizes, int repeats, long seed, Form form) {
        StringBuilder head = new StringBuilder("| left out (rows scored) | accuracy | as calibrated: mean confidence / ECE |");
        StringBuilder rule = new StringBuilder("| --- | --- | --- |");
        for (int n : sizes) {
            head.append(" ").append(n).append(" labelled: ECE mean (largest) |");
            rule.append(" --- |");
        }
        head.append(" whole pool: ECE (a, b) |");
        rule.append(" --- |");
        System.out.println(head);
        System.out.println(rule);
        Random random = new Random(seed);
        double[] worst = new double[sizes.size()];
        for (Domain d : domains) {
            CorpusMetrics.Result before = score(d.scored(), d.scoredGold(), null);
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s (%d) | %.3f | %.3f / %.3f |", d.name(), d.scored().size(),
                    before.accuracy(), before.meanConfidence(), before.ece()));
            for (int s = 0; s < sizes.size(); s++) {
                int n = Math.min(sizes.get(s), d.pool().size());
                double sum = 0;
                double max = 0;
                for (int r = 0; r < repeats; r++) {
                    int[] pick = sample(d.pool().size(), n, random);
                    List<float[]> p = new ArrayList<>(n);
                    int[] gold = new int[n];
                    for (int k = 0; k < n; k++) {
                        p.add(d.pool().get(pick[k]));
                        gold[k] = d.poolGold()[pick[k]];
                    }
                    double ece = score(d.scored(), d.scoredGold(), fit(form, p, gold)).ece();
                    sum += ece;
                    max = Math.max(max, ece);
                }
                worst[s] = Math.max(worst[s], sum / repeats);
                row.append(String.format(Locale.ROOT, " %.3f (%.3f) |", sum / repeats, max));
            }
            Fitted all = fit(form, d.pool(), d.poolGold());
            row.append(String.format(Locale.ROOT, " %.3f (%.2f, %.2f) |", score(d.scored(), d.scoredGold(), all).ece(), all.a(), all.b()));
            System.out.println(row);
        }
        System.out.println();
        for (int s = 0; s < sizes.size(); s++) {
            System.out.printf(Locale.ROOT, "%s, %d labelled texts: largest mean ECE over the left-out corpora %.3f%n", form, sizes.get(s), worst[s]);
        }
    }

    /** {@code n} distinct indices of {@code 0..size-1}. */
    private static int[] sample(int size, int n, Random random) {
        int[] all = new int[size];
        Arrays.setAll(all, i -> i);
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(size - i);
            int swap = all[i];
            all[i] = all[j];
            all[j] = swap;
        }
        return Arrays.copyOf(all, n);
    }
}
