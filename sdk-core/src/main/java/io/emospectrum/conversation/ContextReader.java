package io.emospectrum.conversation;

import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.LabelScores;
import io.emospectrum.spectrum.Span;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.Tempering;
import io.emospectrum.spectrum.TextSpan;
import io.emospectrum.spectrum.TimeSpan;
import io.emospectrum.spi.TextAnalysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the turns of a conversation with their context, from each turn's reading alone: a turn's
 * nine-float vector becomes {@code (1 - w) * own + w * context}, where context is the
 * confidence-weighted mean vector of the window's earlier turns (a weighted mean of spectra is a
 * spectrum: probabilities still sum to 1, valence and arousal stay in [-1, 1]). The reading's
 * confidence is the blended dominant probability times the factor by which the turn's own
 * confidence differs from its own dominant probability (a flagged language's cut, a short text's
 * damping), so a calibrated model's confidence stays the probability of its answer. The blended
 * category probabilities are first raised to {@code 1/temperature} of the window and renormalized
 * (the dominant category does not change).
 */
public final class ContextReader {
    private final ContextWindow window;

    public ContextReader(ContextWindow window) {
        this.window = Objects.requireNonNull(window, "window");
    }

    /**
     * @param alone each turn's text read alone, in the conversation's order
     * @throws IllegalArgumentException if there are not as many analyses as turns
     */
    public ConversationAnalysis read(Conversation conversation, List<TextAnalysis> alone) {
        List<Turn> turns = conversation.turns();
        if (alone.size() != turns.size()) {
            throw new IllegalArgumentException(alone.size() + " analyses for " + turns.size() + " turns");
        }
        List<TurnReading> readings = new ArrayList<>(turns.size());
        for (int i = 0; i < turns.size(); i++) {
            Turn turn = turns.get(i);
            EmotionReading own = alone.get(i).overall();
            EmotionReading inContext = window.isNone() ? own : blend(own, context(turns, alone, i));
            EmotionReading placed = inContext.toBuilder()
                    .span(new Span(turn.time(), new TextSpan(0, turn.text().length()), null))
                    .subject(turn.speaker())
                    .build();
            readings.add(new TurnReading(i, turn, placed, alone.get(i)));
        }
        return new ConversationAnalysis(readings, summaries(conversation, readings), window);
    }

    /** The confidence-weighted mean vector of turn {@code i}'s context, or null when it has none. */
    private float[] context(List<Turn> turns, List<TextAnalysis> alone, int i) {
        double[] sum = new double[Spectrum.VECTOR_LENGTH];
        double weights = 0;
        int taken = 0;
        for (int j = i - 1; j >= 0 && taken < window.previousTurns(); j--) {
            if (window.scope() == ContextWindow.Scope.SAME_SPEAKER && !turns.get(j).speaker().equals(turns.get(i).speaker())) {
                continue;
            }
            taken++;
            EmotionReading r = alone.get(j).overall();
            float[] v = r.vector();
            for (int k = 0; k < v.length; k++) {
                sum[k] += r.confidence() * v[k];
            }
            weights += r.confidence();
        }
        if (weights <= 0) {
            return null;
        }
        float[] mean = new float[sum.length];
        for (int k = 0; k < mean.length; k++) {
            mean[k] = (float) (sum[k] / weights);
        }
        return mean;
    }

    private EmotionReading blend(EmotionReading own, float[] context) {
        if (context == null) {
            return own;
        }
        float w = window.share() == ContextWindow.Share.BY_UNCERTAINTY ? window.weight() * (1 - own.confidence()) : window.weight();
        float[] v = own.vector();
        for (int k = 0; k < v.length; k++) {
            v[k] = (1 - w) * v[k] + w * context[k];
        }
        Spectrum blended = Spectrum.of(Tempering.tempered(java.util.Arrays.copyOf(v, EmotionCategory.COUNT), window.temperature()),
                clampUnit(v[EmotionCategory.COUNT]), clampUnit(v[EmotionCategory.COUNT + 1]));
        float ownTop = own.spectrum().probability(own.dominant());
        float factor = ownTop > 0 ? own.confidence() / ownTop : 1f;
        float confidence = blended.probability(blended.dominant()) * factor;
        return own.toBuilder().spectrum(blended).confidence(Math.max(0f, Math.min(1f, confidence))).build();
    }

    private static float clampUnit(float x) {
        return Math.max(-1f, Math.min(1f, x));
    }

    /** One summary per speaker: the confidence-weighted mean of their turns' readings. */
    static List<SpeakerSummary> summaries(Conversation conversation, List<TurnReading> readings) {
        Map<String, List<EmotionReading>> bySpeaker = new LinkedHashMap<>();
        for (String s : conversation.speakers()) {
            bySpeaker.put(s, new ArrayList<>());
        }
        for (TurnReading r : readings) {
            bySpeaker.get(r.speaker()).add(r.reading());
        }
        List<SpeakerSummary> out = new ArrayList<>(bySpeaker.size());
        bySpeaker.forEach((speaker, rs) -> out.add(new SpeakerSummary(speaker, summary(speaker, rs), rs.size())));
        return out;
    }

    private static EmotionReading summary(String speaker, List<EmotionReading> rs) {
        double total = rs.stream().mapToDouble(EmotionReading::confidence).sum();
        boolean equal = total <= 0; // every turn unsure: each counts the same
        double[] sum = new double[Spectrum.VECTOR_LENGTH];
        for (EmotionReading r : rs) {
            double w = equal ? 1.0 / rs.size() : r.confidence() / total;
            float[] v = r.vector();
            for (int k = 0; k < v.length; k++) {
                sum[k] += w * v[k];
            }
        }
        float[] p = new float[EmotionCategory.COUNT];
        for (int k = 0; k < p.length; k++) {
            p[k] = (float) sum[k];
        }
        Spectrum mean = Spectrum.of(p, clampUnit((float) sum[EmotionCategory.COUNT]), clampUnit((float) sum[EmotionCategory.COUNT + 1]));
        double start = Double.POSITIVE_INFINITY;
        double end = 0;
        boolean timed = true;
        for (EmotionReading r : rs) {
            TimeSpan t = r.span().time();
            if (t == null) {
                timed = false;
                break;
            }
            start = Math.min(start, t.start());
            end = Math.max(end, t.end());
        }
        return rs.get(0).toBuilder()
                .spectrum(mean)
                .confidence((float) Math.max(0, Math.min(1, total / rs.size())))
                .span(timed ? Span.of(new TimeSpan(start, end)) : Span.WHOLE)
                .subject(speaker)
                .modelScores(LabelScores.empty())
                .build();
    }
}
