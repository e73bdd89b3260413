package io.emospectrum.fusion.align;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.fusion.FusedReading;
import io.emospectrum.fusion.SpectrumFuser;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.Span;
import io.emospectrum.spectrum.TimeSpan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Resamples readings that arrive with different spans (a face per frame, a voice window every
 * half second, a subtitle line every few seconds) onto one {@link WindowGrid} and fuses each window,
 * per subject, as soon as it is complete. Streaming: readings are summed into the windows they
 * overlap and dropped; only windows not yet complete are held.
 *
 * <p>A window is complete when every modality the aligner {@linkplain Builder#awaiting awaits}
 * has {@linkplain #advance advanced} past its end, or at {@link #finish()}. A reading that arrives
 * for a window already emitted is counted in {@link #lateReadings()} and its share there dropped.
 *
 * <p>Subjects: a reading with a subject (a face track, a voice channel) is fused with the other
 * readings of that subject. Readings of a {@linkplain Builder#broadcast broadcast} modality (by
 * default none; a clip's single sound track and its subtitles, whose speaker is not known) join
 * every subject present in the window, or form a window of their own (subject null) when no
 * subject is present. Not thread-safe: one producer, or synchronize.
 */
public final class TimelineAligner {
    private final WindowGrid grid;
    private final SpectrumFuser fuser;
    private final Consumer<FusedReading> listener;
    private final Set<Modality> broadcast;
    private final EnumMap<Modality, Double> progress = new EnumMap<>(Modality.class);
    private final TreeMap<Long, WindowCells> pending = new TreeMap<>();
    private long nextIndex;
    private long lateReadings;
    private long emitted;
    private boolean finished;

    private TimelineAligner(Builder b) {
        this.grid = b.grid;
        this.fuser = Objects.requireNonNull(b.fuser, "fuser");
        this.listener = Objects.requireNonNull(b.listener, "listener");
        this.broadcast = b.broadcast.isEmpty() ? EnumSet.noneOf(Modality.class) : EnumSet.copyOf(b.broadcast);
        for (Modality m : b.awaiting) {
            progress.put(m, 0.0);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public WindowGrid grid() {
        return grid;
    }

    /**
     * Adds a reading; it must have a time span.
     *
     * @throws InvalidInputException if it has no time span or is itself fused
     * @throws IllegalStateException after {@link #finish()}
     */
    public void accept(EmotionReading reading) {
        if (finished) {
            throw new IllegalStateException("the aligner is finished");
        }
        TimeSpan span = reading.span().time();
        if (span == null) {
            throw new InvalidInputException("a " + reading.modality().key() + " reading without a time span cannot be aligned");
        }
        if (reading.modality() == Modality.FUSED) {
            throw new InvalidInputException("fused readings are not fusion inputs");
        }
        boolean instant = span.duration() == 0;
        boolean late = false;
        for (long k = grid.firstIndex(span); k <= grid.lastIndex(span); k++) {
            TimeSpan window = grid.window(k);
            double overlap = span.overlap(window);
            if (!instant && overlap <= 0) {
                continue;
            }
            if (k < nextIndex) {
                late = true;
                continue;
            }
            pending.computeIfAbsent(k, i -> new WindowCells()).add(reading, overlap, instant, broadcast);
        }
        if (late) {
            lateReadings++;
        }
    }

    /**
     * Promises that no later reading of {@code modality} touches times before {@code seconds}, and
     * emits the windows that are now complete. Advancing a modality that is not awaited does
     * nothing.
     */
    public void advance(Modality modality, double seconds) {
        if (!progress.containsKey(modality)) {
            return;
        }
        progress.merge(modality, seconds, Math::max);
        double watermark = progress.values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.POSITIVE_INFINITY);
        emitUpTo(watermark);
    }

    /** Emits every window still held, in time order. Further readings are refused. */
    public void finish() {
        emitUpTo(Double.POSITIVE_INFINITY);
        finished = true;
    }

    /** Readings that arrived (partly) for windows already emitted. */
    public long lateReadings() {
        return lateReadings;
    }

    /** Fused readings emitted so far. */
    public long emitted() {
        return emitted;
    }

    /** Windows held because they are not complete yet. */
    public int pendingWindows() {
        return pending.size();
    }

    private void emitUpTo(double watermark) {
        while (!pending.isEmpty() && grid.window(pending.firstKey()).end() <= watermark) {
            Map.Entry<Long, WindowCells> e = pending.pollFirstEntry();
            emit(e.getKey(), e.getValue());
            nextIndex = e.getKey() + 1;
        }
        if (Double.isFinite(watermark)) {
            // windows that end by the watermark are closed even when nothing arrived for them
            long closed = (long) Math.floor((watermark - grid.length()) / grid.hop()) + 1;
            nextIndex = Math.max(nextIndex, closed);
        }
    }

    private void emit(long index, WindowCells cells) {
        TimeSpan window = grid.window(index);
        Span span = Span.of(window);
        for (Map.Entry<String, EnumMap<Modality, ModalityAccumulator>> cell : cells.cellsBySubject()) {
            List<EmotionReading> sources = new ArrayList<>(cell.getValue().size());
            for (ModalityAccumulator acc : cell.getValue().values()) {
                sources.add(acc.toReading(window, cell.getKey()));
            }
            listener.accept(fuser.fuse(sources, span, cell.getKey()));
            emitted++;
        }
    }

    /** The accumulators of one window: per subject, plus the broadcast ones. */
    private static final class WindowCells {
        private final Map<String, EnumMap<Modality, ModalityAccumulator>> bySubject = new HashMap<>();
        private final EnumMap<Modality, ModalityAccumulator> broadcast = new EnumMap<>(Modality.class);

        void add(EmotionReading r, double overlap, boolean instant, Set<Modality> broadcastModalities) {
            EnumMap<Modality, ModalityAccumulator> target = broadcastModalities.contains(r.modality())
                    ? broadcast
                    : bySubject.computeIfAbsent(r.subject(), s -> new EnumMap<>(Modality.class));
            target.computeIfAbsent(r.modality(), ModalityAccumulator::new).add(r, overlap, instant);
        }

        /** Subject (null first, then by name) to its modality accumulators, broadcast ones joined in. */
        List<Map.Entry<String, EnumMap<Modality, ModalityAccumulator>>> cellsBySubject() {
            List<Map.Entry<String, EnumMap<Modality, ModalityAccumulator>>> out = new ArrayList<>();
            if (bySubject.isEmpty()) {
                if (!broadcast.isEmpty()) {
                    out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(null, broadcast));
                }
                return out;
            }
            List<String> subjects = new ArrayList<>(bySubject.keySet());
            subjects.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
            for (String s : subjects) {
                EnumMap<Modality, ModalityAccumulator> joined = new EnumMap<>(bySubject.get(s));
                broadcast.forEach(joined::putIfAbsent);
                out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(s, joined));
            }
            return out;
        }
    }

    /** Configures an aligner; grid defaults to {@link WindowGrid#DEFAULT}. */
    public static final class Builder {
        private WindowGrid grid = WindowGrid.DEFAULT;
        private SpectrumFuser fuser;
        private Consumer<FusedReading> listener;
        private Set<Modality> broadcast = Set.of();
        private Set<Modality> awaiting = Set.of();

        private Builder() {
        }

        public Builder grid(WindowGrid grid) {
            this.grid = Objects.requireNonNull(grid, "grid");
            return this;
        }

        public Builder fuser(SpectrumFuser fuser) {
            this.fuser = fuser;
            return this;
        }

        /** Receives each fused window as soon as it is complete, on the thread that completed it. */
        public Builder listener(Consumer<FusedReading> listener) {
            this.listener = listener;
            return this;
        }

        /** Modalities whose readings' subjects are ignored: they join every subject of their window. */
        public Builder broadcast(Set<Modality> modalities) {
            this.broadcast = Set.copyOf(modalities);
            return this;
        }

        /**
         * Modalities whose {@link #advance} gates emission. With none, windows are emitted only at
         * {@link #finish()}.
         */
        public Builder awaiting(Set<Modality> modalities) {
            this.awaiting = Set.copyOf(modalities);
            return this;
        }

        public TimelineAligner build() {
            if (fuser == null || listener == null) {
                throw new IllegalStateException("an aligner needs a fuser and a listener");
            }
            return new TimelineAligner(this);
        }
    }
}
