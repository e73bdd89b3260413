package io.emospectrum.audio.io;

import io.emospectrum.error.UnsupportedMediaException;

/** The sample rates the audio modality accepts, checked where audio enters. */
public final class SampleRates {
    /** Lowest accepted rate: narrow-band telephone audio. */
    public static final int MIN = 8_000;
    /** Highest accepted rate: studio audio. */
    public static final int MAX = 192_000;

    private SampleRates() {
    }

    /** @throws UnsupportedMediaException if {@code rate} is outside [{@link #MIN}, {@link #MAX}] */
    public static int require(int rate, String what) {
        if (rate < MIN || rate > MAX) {
            throw new UnsupportedMediaException(what + " has a sample rate of " + rate + " Hz; supported: "
                    + MIN + " to " + MAX + " Hz");
        }
        return rate;
    }
}
