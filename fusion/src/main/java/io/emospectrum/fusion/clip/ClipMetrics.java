package io.emospectrum.fusion.clip;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a clip's time goes. Each part of the run (decoder, stage workers, subtitles, the timeline)
 * reports its own durations here as it works, in the spirit of DJL's {@code Metrics}; the summary
 * reads them once, as {@link ClipTimings}. Thread-safe: the stages report from their own threads.
 */
final class ClipMetrics {
    /** The parts a clip's time is spent in. */
    enum Phase {
        DECODE, FACE, VOICE, TEXT, FUSION
    }

    private final Map<Phase, LongAdder> nanos = new EnumMap<>(Phase.class);
    private final long start = System.nanoTime();

    ClipMetrics() {
        for (Phase p : Phase.values()) {
            nanos.put(p, new LongAdder());
        }
    }

    /** Adds {@code elapsedNanos} to a phase. */
    void record(Phase phase, long elapsedNanos) {
        nanos.get(phase).add(elapsedNanos);
    }

    /** Runs {@code work} and adds its time to {@code phase}. */
    void time(Phase phase, Runnable work) {
        long t0 = System.nanoTime();
        try {
            work.run();
        } finally {
            record(phase, System.nanoTime() - t0);
        }
    }

    /** The totals so far, with the wall time since this object was made. */
    ClipTimings timings() {
        return new ClipTimings(seconds(Phase.DECODE), seconds(Phase.FACE), seconds(Phase.VOICE), seconds(Phase.TEXT),
                seconds(Phase.FUSION), (System.nanoTime() - start) / 1e9);
    }

    private double seconds(Phase phase) {
        return nanos.get(phase).sum() / 1e9;
    }
}
