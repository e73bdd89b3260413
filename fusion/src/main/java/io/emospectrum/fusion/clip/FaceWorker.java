package io.emospectrum.fusion.clip;

import io.emospectrum.media.ImageFrame;
import io.emospectrum.spectrum.BoundingBox;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.Span;
import io.emospectrum.spectrum.TimeSpan;
import io.emospectrum.spi.FaceTracker;

import java.util.ArrayList;
import java.util.List;

/**
 * Sampled frames through a face tracker, on their own thread, in batches (the tracker sends a
 * batch's faces through its networks together and runs its detector on the frames due). Readings
 * go to the {@link ClipTimeline} with their boxes in the clip's pixel coordinates. The tracker is
 * closed when the worker ends, whichever way.
 */
final class FaceWorker {
    /** Batches queued for the tracker at most: one, so decoding never runs far ahead. */
    private static final int QUEUE = 1;
    /** Decoded bytes a batch holds at most (fewer frames per batch for large frames). */
    private static final long BATCH_BYTES = 32L << 20;

    private final Stage<List<ImageFrame>> stage;
    private final int maxBatch;
    private List<ImageFrame> batch = new ArrayList<>();

    /**
     * @param frameScale how much the decoder scaled the frames down (1: not at all)
     * @param maxBatch   frames per tracker call at most
     */
    FaceWorker(FaceTracker tracker, double frameScale, int maxBatch, ClipTimeline timeline, ClipMetrics metrics) {
        this.maxBatch = maxBatch;
        this.stage = new Stage<>("face", QUEUE, frames -> {
            long t0 = System.nanoTime();
            List<List<EmotionReading>> found = tracker.acceptAll(frames);
            metrics.record(ClipMetrics.Phase.FACE, System.nanoTime() - t0);
            List<EmotionReading> placed = new ArrayList<>();
            for (int i = 0; i < frames.size(); i++) {
                double t = frames.get(i).timestampSeconds();
                for (EmotionReading r : found.get(i)) {
                    placed.add(place(r, new TimeSpan(t, t), frameScale));
                }
            }
            timeline.readings(placed, Modality.FACE, frames.get(frames.size() - 1).timestampSeconds());
        }, () -> { }, tracker::close);
    }

    /** The reading at its frame's instant (unless the tracker timed it), its box back at the clip's scale. */
    private static EmotionReading place(EmotionReading r, TimeSpan instant, double frameScale) {
        Span span = r.span().time() != null ? r.span() : r.span().withTime(instant);
        BoundingBox b = span.box();
        if (b != null && frameScale != 1) {
            span = span.withBox(new BoundingBox((float) (b.x() / frameScale), (float) (b.y() / frameScale),
                    (float) (b.width() / frameScale), (float) (b.height() / frameScale)));
        }
        return span == r.span() ? r : r.toBuilder().span(span).build();
    }

    /** Queues a frame; a full batch goes to the tracker. */
    void add(ImageFrame frame) {
        batch.add(frame);
        long frameBytes = (long) frame.width() * frame.height() * frame.format().channels();
        int size = (int) Math.max(1, Math.min(maxBatch, BATCH_BYTES / Math.max(1, frameBytes)));
        if (batch.size() >= size) {
            flush();
        }
    }

    /** Sends the last frames and waits for the tracker to finish; rethrows its failure. */
    void finish() {
        flush();
        stage.finish();
    }

    /** Stops without waiting (after a failure elsewhere). */
    void abort() {
        stage.abort();
    }

    private void flush() {
        if (!batch.isEmpty()) {
            List<ImageFrame> full = batch;
            batch = new ArrayList<>();
            stage.submit(List.copyOf(full));
        }
    }
}
