package io.emospectrum.audio.features;

/**
 * Frame-level analysis settings: the model was trained with these, so they travel with it.
 *
 * @param sampleRate  rate the features are computed at (input is resampled to it)
 * @param frameSize   samples per analysis frame (FFT size, YIN buffer)
 * @param hop         samples between frame starts
 * @param mfccCount   cepstral coefficients computed (c0 is dropped: it only carries loudness)
 * @param melFilters  mel filters
 * @param lowHz       lowest mel filter edge
 * @param highHz      highest mel filter edge
 */
public record FeatureConfig(int sampleRate, int frameSize, int hop, int mfccCount, int melFilters, float lowHz, float highHz) {
    /**
     * 16 kHz, 32 ms frames every 20 ms (a 10 ms hop doubles the cost for no gain at a 2 s window),
     * 20 MFCCs over 40 mel filters from 50 to 7,600 Hz.
     */
    public static final FeatureConfig DEFAULT = new FeatureConfig(16_000, 512, 320, 20, 40, 50f, 7_600f);

    public FeatureConfig {
        if (sampleRate <= 0 || frameSize <= 0 || hop <= 0 || hop > frameSize || mfccCount < 2 || melFilters < mfccCount
                || !(lowHz >= 0) || !(highHz > lowHz) || highHz > sampleRate / 2f) {
            throw new IllegalArgumentException("inconsistent feature settings: " + sampleRate + " Hz, frame " + frameSize
                    + ", hop " + hop + ", " + mfccCount + " MFCCs over " + melFilters + " mel filters " + lowHz + "-" + highHz + " Hz");
        }
    }

    /** Values per frame: MFCC 1..n-1, log energy, voicing, log pitch. */
    public int rawDimension() {
        return mfccCount - 1 + 3;
    }

    /** Values per frame fed to the net: the raw ones and their deltas. */
    public int windowDimension() {
        return rawDimension() * 2;
    }

    /** Start time of frame {@code index} in seconds from the stream's start. */
    public double frameStart(long index) {
        return index * (double) hop / sampleRate;
    }

    /** Frames per second. */
    public double frameRate() {
        return sampleRate / (double) hop;
    }
}
