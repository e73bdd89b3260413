package io.emospectrum.tools.text;

import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.text.score.ConfidenceCalibrator;
import io.emospectrum.text.score.TextCues;
import io.emospectrum.text.score.TextCues.Cue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code evaluate text-confidence --cues}: per corpus and text cue, the share of texts with the cue and how accurate and how
 * sure the readings are with and without it. Left out: each corpus's rows read by the recipe trained on the other corpora,
 * confidence by the shipped calibrator's recipe fitted on all those rows (descriptive: fitted and scored on the same rows);
 * in domain: read by the recipe trained on every corpus. A cue whose texts are read less accurately but as surely is one a
 * calibrator could use.
 */
final class CueTable {
    /** The shipped calibrator's recipe. */
    static final String SHIPPED = "minimax Platt: top, heads";

    private CueTable() {
    }

    /** The cues and their unions, in the order printed. */
    static Map<String, Predicate<TextCues>> cues() {
        Map<String, Predicate<TextCues>> out = new LinkedHashMap<>();
        for (Cue c : Cue.values()) {
            out.put(c.name().toLowerCase(Locale.ROOT).replace('_', ' '), t -> t.has(c));
        }
        out.put("tweet form (any of hashtag/mention/URL, all caps, elongation)", TextCues::tweetForm);
        out.put("any cue", t -> !t.present().isEmpty());
        return out;
    }

    static void print(ConfidenceCalibrators.Fold whole, String split) {
        ConfidenceCalibrators.Candidate shipped = ConfidenceCalibrators.CANDIDATES.stream().filter(c -> c.name().equals(SHIPPED)).findFirst()
                .orElseThrow();
        ConfidenceCalibrator cal = ConfidenceCalibrators.fit(shipped, whole.outOfDomain(), List.of(), null, 1, "cues");
        Map<String, List<ConfidenceCalibrators.Row>> out = byCorpus(whole.outOfDomain());
        Map<String, List<ConfidenceCalibrators.Row>> in = byCorpus(whole.inDomain());
        System.out.printf("%s splits; left out: read by the recipe trained on the other corpora, confidence by \"%s\" fitted on all of them; "
                + "in domain: read by the recipe trained on every corpus%n", split, SHIPPED);
        System.out.println("| corpus | cue | share | n with | left out: accuracy with / without | confidence with / without "
                + "| confidence - accuracy with / without | in domain: accuracy with / without |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (var corpus : out.entrySet()) {
            for (var cue : cues().entrySet()) {
                Stats o = Stats.of(corpus.getValue(), cue.getValue(), cal);
                Stats i = Stats.of(in.getOrDefault(corpus.getKey(), List.of()), cue.getValue(), null);
                System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %d | %s / %s | %s / %s | %s / %s | %s / %s |%n", corpus.getKey(), cue.getKey(),
                        o.with / (double) (o.with + o.without), o.with, f(o.accWith()), f(o.accWithout()), f(o.confWith()), f(o.confWithout()),
                        signed(o.confWith() - o.accWith()), signed(o.confWithout() - o.accWithout()), f(i.accWith()), f(i.accWithout()));
            }
        }
        System.out.println();
        System.out.println("fitted on all the left-out rows above (as --write fits; weights on standardized inputs, 0/1 cues standardized too):");
        for (String name : WEIGHTS_OF) {
            ConfidenceCalibrators.Candidate c = ConfidenceCalibrators.CANDIDATES.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            ConfidenceCalibrator fitted = ConfidenceCalibrators.fit(c, whole.outOfDomain(), List.of(), null, 1, "cues");
            StringBuilder line = new StringBuilder(name + ":");
            for (int k = 0; k < fitted.inputs().size(); k++) {
                line.append(String.format(Locale.ROOT, " %s %+.3f (mean %.3f)", fitted.inputs().get(k), fitted.weights()[k], fitted.inputMean()[k]));
            }
            System.out.println(line.append(String.format(Locale.ROOT, ", bias %+.3f", fitted.bias())));
        }
    }

    /** Candidates whose fitted weights {@link #print} shows: what each cue pushes confidence towards. */
    private static final List<String> WEIGHTS_OF = List.of("logistic: top, heads, all cues", "minimax Platt: top, heads, all cues");

    private static String f(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String signed(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%+.3f", v);
    }

    private static Map<String, List<ConfidenceCalibrators.Row>> byCorpus(List<ConfidenceCalibrators.Row> rows) {
        Map<String, List<ConfidenceCalibrators.Row>> out = new LinkedHashMap<>();
        rows.forEach(r -> out.computeIfAbsent(r.corpus(), k -> new ArrayList<>()).add(r));
        return out;
    }

    /** Counts, hits and summed confidence of the rows with and without a cue. */
    private record Stats(int with, int without, int hitsWith, int hitsWithout, double confWithSum, double confWithoutSum) {
        static Stats of(List<ConfidenceCalibrators.Row> rows, Predicate<TextCues> cue, ConfidenceCalibrator cal) {
            int w = 0;
            int wo = 0;
            int hw = 0;
            int hwo = 0;
            double cw = 0;
            double cwo = 0;
            for (ConfidenceCalibrators.Row r : rows) {
                boolean hit = Spectrum.dominantIndex(r.p()) == r.gold();
                double conf = cal == null ? Double.NaN : cal.confidence(r.p(), r.labelHead(), r.categoryHead(), r.tokens(), r.familiarity(), r.cues());
                if (cue.test(r.cues())) {
                    w++;
                    hw += hit ? 1 : 0;
                    cw += conf;
                } else {
                    wo++;
                    hwo += hit ? 1 : 0;
                    cwo += conf;
                }
            }
            return new Stats(w, wo, hw, hwo, cw, cwo);
        }

        double accWith() {
            return with == 0 ? Double.NaN : hitsWith / (double) with;
        }

        double accWithout() {
            return without == 0 ? Double.NaN : hitsWithout / (double) without;
        }

        double confWith() {
            return with == 0 ? Double.NaN : confWithSum / with;
        }

        double confWithout() {
            return without == 0 ? Double.NaN : confWithoutSum / without;
        }
    }
}
