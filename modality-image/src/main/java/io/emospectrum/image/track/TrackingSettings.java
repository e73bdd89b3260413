package io.emospectrum.image.track;

import io.emospectrum.error.ConfigurationException;

/**
 * How faces are followed.
 *
 * @param minIou    least overlap between a track's last box and a detection to continue it
 * @param maxMissed sampled frames a track may go unseen before it ends
 * @param smoothing weight of the newest frame in the exponential moving average of a track's
 *                  scores (1: no smoothing)
 */
public record TrackingSettings(float minIou, int maxMissed, float smoothing) {
    public static final TrackingSettings DEFAULT = new TrackingSettings(0.3f, 10, 0.4f);

    public TrackingSettings {
        if (!(minIou > 0 && minIou <= 1)) {
            throw new ConfigurationException("min IoU must be in (0, 1], was " + minIou);
        }
        if (maxMissed < 0) {
            throw new ConfigurationException("max missed frames must be >= 0, was " + maxMissed);
        }
        if (!(smoothing > 0 && smoothing <= 1)) {
            throw new ConfigurationException("smoothing must be in (0, 1], was " + smoothing);
        }
    }
}
