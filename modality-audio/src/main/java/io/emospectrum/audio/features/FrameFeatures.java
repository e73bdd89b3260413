package io.emospectrum.audio.features;

/**
 * The features of one analysis frame, before deltas and normalization.
 *
 * @param mfcc       cepstral coefficients 1..n-1
 * @param energyDb   RMS level in dB relative to full scale
 * @param voicing    YIN's probability that the frame is pitched, 0 when it found no pitch
 * @param logPitch   pitch in octaves relative to 100 Hz, 0 when unpitched
 * @param clipped    fraction of the frame's samples at full scale
 */
public record FrameFeatures(float[] mfcc, float energyDb, float voicing, float logPitch, float clipped) {

    /** Energy below which a frame is silence whatever its neighbours (dBFS). */
    public static final float SILENCE_DB = -50f;

    /** The raw vector, in {@link FeatureConfig#rawDimension()} order. */
    public void copyTo(float[] out, int offset) {
        System.arraycopy(mfcc, 0, out, offset, mfcc.length);
        out[offset + mfcc.length] = energyDb;
        out[offset + mfcc.length + 1] = voicing;
        out[offset + mfcc.length + 2] = logPitch;
    }
}
