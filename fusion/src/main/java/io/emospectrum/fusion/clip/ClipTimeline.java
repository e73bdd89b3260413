package io.emospectrum.fusion.clip;

import io.emospectrum.fusion.FusedReading;
import io.emospectrum.fusion.SpectrumFuser;
import io.emospectrum.fusion.align.TimelineAligner;
import io.emospectrum.fusion.align.WindowGrid;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.Spectrum;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one clip run has found so far: readings in, fused windows and issues out to the
 * {@link ClipListener}, and the totals for the summary. The stages call it from their own threads;
 * every method takes one lock, so the listener is never called concurrently.
 */
final class ClipTimeline {
    private final ClipListener listener;
    private final ClipMetrics metrics;
    private final TimelineAligner aligner;
    private final List<ClipIssue> issues = new ArrayList<>();
    private final EnumMap<Modality, Long> readingCounts = new EnumMap<>(Modality.class);
    private final Map<String, SubjectTotals> subjects = new HashMap<>();
    private long windows;
    /** Once decoding is over: where the clip ends; windows from there on carry only cue overhang. */
    private double clipEnd = Double.POSITIVE_INFINITY;

    /**
     * @param awaiting  the modalities whose readings are still to come (windows wait for them)
     * @param monoAudio one sound track for everyone: voice, like text, joins every face
     */
    ClipTimeline(WindowGrid grid, SpectrumFuser fuser, Set<Modality> awaiting, boolean monoAudio,
                 ClipListener listener, ClipMetrics metrics) {
        this.listener = listener;
        this.metrics = metrics;
        this.aligner = TimelineAligner.builder()
                .grid(grid)
                .fuser(fuser)
                // one sound track and a transcript: who speaks is not known, so they join every face
                .broadcast(monoAudio ? Set.of(Modality.VOICE, Modality.TEXT) : Set.of(Modality.TEXT))
                .awaiting(awaiting)
                .listener(this::window)
                .build();
    }

    /** A modality reading: counted, passed on, aligned. */
    synchronized void reading(EmotionReading r) {
        readingCounts.merge(r.modality(), 1L, Long::sum);
        listener.onReading(r);
        if (r.span().time() == null) {
            return; // nothing to place it by (the extractor gave no time): passed on, not fused
        }
        metrics.time(ClipMetrics.Phase.FUSION, () -> aligner.accept(r));
    }

    /** Readings of one modality found together, then the time that modality has reached. */
    synchronized void readings(List<EmotionReading> found, Modality modality, double reached) {
        found.forEach(this::reading);
        advance(modality, reached);
    }

    /** No more readings of {@code modality} start before {@code seconds}: windows before it may close. */
    synchronized void advance(Modality modality, double seconds) {
        metrics.time(ClipMetrics.Phase.FUSION, () -> aligner.advance(modality, seconds));
    }

    synchronized void issue(ClipIssue.Kind kind, String message) {
        ClipIssue issue = new ClipIssue(kind, message);
        issues.add(issue);
        listener.onIssue(issue);
    }

    synchronized void progress(double seconds, double declared) {
        listener.onProgress(seconds, declared);
    }

    /** Decoding is over: the clip ends at {@code duration}; the windows still open are emitted. */
    synchronized void finish(double duration) {
        clipEnd = duration;
        metrics.time(ClipMetrics.Phase.FUSION, aligner::finish);
    }

    synchronized long count(Modality m) {
        return readingCounts.getOrDefault(m, 0L);
    }

    synchronized long lateReadings() {
        return aligner.lateReadings();
    }

    synchronized long windows() {
        return windows;
    }

    synchronized Map<Modality, Long> readingCounts() {
        return new EnumMap<>(readingCounts);
    }

    synchronized List<ClipIssue> issues() {
        return List.copyOf(issues);
    }

    /** One summary per subject, the subject-less (null) one first. */
    synchronized List<SubjectSummary> subjects() {
        List<SubjectSummary> out = new ArrayList<>();
        subjects.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(e -> out.add(e.getValue().summary(e.getKey())));
        return out;
    }

    /** A fused window from the aligner (called under the lock, from the methods above). */
    private void window(FusedReading w) {
        if (w.reading().span().time().start() >= clipEnd) {
            return; // only subtitle overhang past the clip's end (reported as SUBTITLES_PAST_END)
        }
        windows++;
        subjects.computeIfAbsent(w.reading().subject(), s -> new SubjectTotals()).add(w);
        listener.onWindow(w);
    }

    /** Running sums for one subject's summary. */
    private static final class SubjectTotals {
        private final double[] vector = new double[Spectrum.VECTOR_LENGTH];
        private final EnumMap<Modality, Long> byModality = new EnumMap<>(Modality.class);
        private double disagreement;
        private long windows;

        void add(FusedReading w) {
            float[] v = w.reading().vector();
            for (int i = 0; i < v.length; i++) {
                vector[i] += v[i];
            }
            disagreement += w.disagreement();
            windows++;
            w.modalities().forEach(m -> byModality.merge(m, 1L, Long::sum));
        }

        SubjectSummary summary(String subject) {
            float[] p = new float[EmotionCategory.COUNT];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (vector[i] / windows);
            }
            Spectrum mean = Spectrum.of(p, (float) (vector[7] / windows), (float) (vector[8] / windows));
            return new SubjectSummary(subject, windows, mean, disagreement / windows, byModality);
        }
    }
}
