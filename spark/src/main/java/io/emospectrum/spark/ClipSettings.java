package io.emospectrum.spark;

import io.emospectrum.device.DeviceChoice;
import io.emospectrum.spi.ExtractorOptions;

import java.io.Serializable;

/**
 * How clips are analyzed (the options of {@code emospectrum video}). Equal settings share one
 * analyzer and its extractors per executor JVM.
 *
 * @param faceProvider  face provider name; null for the highest-ranked one
 * @param voiceProvider voice provider name; null for the highest-ranked one
 * @param device        auto, cpu, gpu or gpu:N
 * @param windowSeconds length (and hop) of the fused windows
 * @param faceFps       frames per second read for faces
 * @param maxFrameSide  frames scaled down to this longer side before face analysis; 0 keeps them
 * @param strategy      pooling strategy (linear, log-linear, ...)
 */
public record ClipSettings(String faceProvider, String voiceProvider, String device, double windowSeconds,
                           double faceFps, int maxFrameSide, String strategy) implements Serializable {
    public ClipSettings {
        if (!(windowSeconds > 0) || !(faceFps > 0) || maxFrameSide < 0) {
            throw new IllegalArgumentException("window and face fps must be > 0 and maxFrameSide >= 0");
        }
        DeviceChoice.parse(device);
    }

    /** What {@code emospectrum video} does by default: 1 s windows, 5 face frames/s, linear pooling. */
    public static ClipSettings defaults() {
        return new ClipSettings(null, null, "auto", 1.0, 5, 0, "linear");
    }

    public ClipSettings withProviders(String face, String voice) {
        return new ClipSettings(face, voice, device, windowSeconds, faceFps, maxFrameSide, strategy);
    }

    public ClipSettings withMaxFrameSide(int pixels) {
        return new ClipSettings(faceProvider, voiceProvider, device, windowSeconds, faceFps, pixels, strategy);
    }

    ExtractorOptions toOptions() {
        return ExtractorOptions.builder().device(DeviceChoice.parse(device)).build();
    }
}
