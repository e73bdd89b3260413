package io.emospectrum.spi;

import io.emospectrum.media.AudioBuffer;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;

import java.nio.file.Path;
import java.util.function.Consumer;

/** Reads expressed emotion from voice, on sliding windows. */
public interface VoiceEmotionExtractor extends EmotionExtractor {

    /** Scores a whole recording; resampling to the model's rate is the extractor's job. */
    VoiceAnalysis analyze(AudioBuffer audio);

    /**
     * Decodes an audio file (WAV, or any container FFmpeg reads) and scores it.
     *
     * @throws io.emospectrum.error.InvalidInputException if the file is missing, empty or corrupt
     */
    VoiceAnalysis analyze(Path audioFile);

    /**
     * Opens a stream for live audio of the given format; each completed window's reading goes to
     * {@code listener}, on the caller's thread.
     */
    VoiceStream openStream(int sampleRate, int channels, Consumer<EmotionReading> listener);

    @Override
    default Modality modality() {
        return Modality.VOICE;
    }
}
