package io.emospectrum.image.track;

import io.emospectrum.error.ConfigurationException;

/**
 * How faces are followed.
 *
 * @param minIou    least overlap between a track's last box and a detection to continue it
 * @param maxMissed sampled frames a track may go unseen before it ends
 * @param smoothing weight of the newest frame in the exponential moving average of a track's
 *                  scores (1: no smoothing)
 * @param maxShift  a detection that overlaps no track continues the nearest one whose centre is
 *                  within this many box widths (0: IoU only)
 * @param detectInterval the detector runs on one frame in this many (counted across calls, from the
 *                  first); the frames between keep the last detection's boxes (faces move little in
 *                  a few frames) and are still classified. 1: detect on every frame
 */
public record TrackingSettings(float minIou, int maxMissed, float smoothing, float maxShift, int detectInterval) {
    public static final TrackingSettings DEFAULT = new TrackingSettings(0.3f, 10, 0.4f, 1.5f, 1);

    public TrackingSettings {
        if (detectInterval < 1 || detectInterval > 100) {
            throw new ConfigurationException("detect interval must be in [1, 100], was " + detectInterval);
        }
        if (!(minIou > 0 && minIou <= 1)) {
            throw new ConfigurationException("min IoU must be in (0, 1], was " + minIou);
        }
        if (maxMissed < 0) {
            throw new ConfigurationException("max missed frames must be >= 0, was " + maxMissed);
        }
        if (!(maxShift >= 0 && maxShift <= 10)) {
            throw new ConfigurationException("max shift must be in [0, 10] box widths, was " + maxShift);
        }
        if (!(smoothing > 0 && smoothing <= 1)) {
            throw new ConfigurationException("smoothing must be in (0, 1], was " + smoothing);
        }
    }
}
