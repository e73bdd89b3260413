package io.emospectrum.spi;

import io.emospectrum.media.AudioBuffer;
import io.emospectrum.spectrum.EmotionReading;

/**
 * Live audio pushed in as it arrives (a call, a stream); readings leave through the listener
 * given to {@link VoiceEmotionExtractor#openStream} as each window completes. Not thread-safe:
 * one producer per stream.
 */
public interface VoiceStream extends AutoCloseable {

    /** Pushes the next chunk, in the format the stream was opened with. */
    void accept(AudioBuffer chunk);

    /** The summary of everything pushed so far. */
    EmotionReading summary();

    /** Flushes the last partial window to the listener and frees the stream. */
    @Override
    void close();
}
