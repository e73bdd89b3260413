package io.emospectrum.audio.io;

/**
 * Decoded audio read in chunks, so that a long file never has to fit in memory. Not
 * thread-safe; close it to free the decoder.
 */
public interface AudioSource extends AutoCloseable {

    /** Frames per second of the decoded audio. */
    int sampleRate();

    int channels();

    /** Duration in seconds when the container declares it, else a negative number. */
    double declaredDurationSeconds();

    /**
     * The next chunk of interleaved float samples in [-1, 1], at most {@code maxFrames} frames;
     * {@code null} at the end of the audio.
     *
     * @throws io.emospectrum.error.InvalidInputException if the data is corrupt
     */
    float[] read(int maxFrames);

    /**
     * What was wrong with the audio read so far, one sentence each (a file cut short, a format
     * that changed mid-stream); complete once {@link #read} has returned {@code null}. The audio
     * returned is what could be read: callers report these as warnings, never as a clean result.
     */
    default java.util.List<String> issues() {
        return java.util.List.of();
    }

    @Override
    void close();
}
