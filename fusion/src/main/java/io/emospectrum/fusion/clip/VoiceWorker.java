package io.emospectrum.fusion.clip;

import io.emospectrum.media.AudioBuffer;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.TimeSpan;
import io.emospectrum.spi.VoiceEmotionExtractor;
import io.emospectrum.spi.VoiceStream;

import java.util.List;

/**
 * The sound track through a voice stream, on its own thread; the stream opens on the first chunk
 * (its format is known then) and is closed when the worker ends, whichever way. Readings go to the
 * {@link ClipTimeline} as the stream emits them.
 */
final class VoiceWorker {
    private static final int QUEUE = 16;

    private final Stage<AudioBuffer> stage;
    private final ClipTimeline timeline;
    private final ClipMetrics metrics;
    private VoiceStream stream;
    /** Time spent in the stream's callbacks during the current call (fusion's, not the voice model's). */
    private long callbackNanos;

    /** @param maxLagSeconds how far behind the sound decoded the stream may still deliver readings */
    VoiceWorker(VoiceEmotionExtractor extractor, double maxLagSeconds, ClipTimeline timeline, ClipMetrics metrics) {
        this.timeline = timeline;
        this.metrics = metrics;
        this.stage = new Stage<>("voice", QUEUE, chunk -> {
            long t0 = System.nanoTime();
            callbackNanos = 0;
            if (stream == null) {
                stream = extractor.openStream(chunk.sampleRate(), chunk.channels(), this::reading);
            }
            stream.accept(chunk);
            metrics.record(ClipMetrics.Phase.VOICE, System.nanoTime() - t0 - callbackNanos);
            timeline.advance(Modality.VOICE, chunk.startSeconds() + chunk.durationSeconds() - maxLagSeconds);
        }, this::flush, this::closeQuietly);
    }

    /** Queues a chunk of the sound track. */
    void submit(AudioBuffer chunk) {
        stage.submit(chunk);
    }

    /** Lets the stream emit its last window and waits for it; rethrows its failure. */
    void finish() {
        stage.finish();
    }

    /** Stops without waiting (after a failure elsewhere). */
    void abort() {
        stage.abort();
    }

    private void reading(EmotionReading r) {
        long t0 = System.nanoTime();
        TimeSpan t = r.span().time();
        if (t == null) {
            timeline.reading(r);
        } else {
            // voice windows come in time order: later ones start no earlier than this one
            timeline.readings(List.of(r), Modality.VOICE, t.start());
        }
        callbackNanos += System.nanoTime() - t0;
    }

    private void flush() {
        if (stream != null) {
            long t0 = System.nanoTime();
            callbackNanos = 0;
            VoiceStream s = stream;
            stream = null;
            s.close(); // emits the last partial window
            metrics.record(ClipMetrics.Phase.VOICE, System.nanoTime() - t0 - callbackNanos);
        }
    }

    private void closeQuietly() {
        if (stream != null) {
            VoiceStream s = stream;
            stream = null;
            s.close();
        }
    }
}
