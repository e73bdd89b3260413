package io.emospectrum.audio.stream;

import io.emospectrum.audio.io.SampleRates;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.lifecycle.CloseGuard;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.VoiceStream;

import java.util.function.Consumer;

/**
 * A live stream: chunks of PCM in, one reading per completed window out, on the caller's thread,
 * as soon as the chunk that completes the window has been processed (latency: one window's
 * features and one forward pass). Channels are mixed to mono; for separate parties use
 * {@code io.emospectrum.fusion.call.CallAnalyzer} (fusion). A bad chunk (wrong format, NaN) is rejected
 * with an {@link InvalidInputException} and leaves the stream as it was.
 */
public final class GruVoiceStream implements VoiceStream {
    private final int sampleRate;
    private final int channels;
    private final ChannelScorer scorer;
    private final CloseGuard owner;
    private boolean closed;

    /** @param owner the extractor's guard: each chunk is one call of the extractor, so closing it never frees a model in use */
    public GruVoiceStream(VoiceReadings readings, int sampleRate, int channels, int hopFrames, Consumer<EmotionReading> listener,
                          CloseGuard owner) {
        SampleRates.require(sampleRate, "the stream");
        if (channels < 1 || channels > 32) {
            throw new InvalidInputException("a stream needs 1 to 32 channels, got " + channels);
        }
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.owner = java.util.Objects.requireNonNull(owner, "owner");
        this.scorer = new ChannelScorer(readings, sampleRate, 0, null, 1, hopFrames, listener);
    }

    @Override
    public void accept(AudioBuffer chunk) {
        if (closed) {
            throw new IllegalStateException("the stream is closed");
        }
        if (chunk.sampleRate() != sampleRate || chunk.channels() != channels) {
            throw new InvalidInputException("chunk is " + chunk.sampleRate() + " Hz x " + chunk.channels()
                    + " channels; the stream was opened for " + sampleRate + " Hz x " + channels);
        }
        float[] s = new float[chunk.samples().remaining()];
        chunk.samples().get(s);
        Samples.requireFinite(s, "the chunk");
        try (CloseGuard.Call call = owner.enter()) {
            scorer.accept(Samples.mixToMono(s, channels));
        }
    }

    @Override
    public EmotionReading summary() {
        return scorer.summary();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try (CloseGuard.Call call = owner.enter()) {
                scorer.finish();
            }
        }
    }
}
