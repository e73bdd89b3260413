package io.emospectrum.image.detect;

import io.emospectrum.device.DeviceChoice;
import io.emospectrum.spi.Plugin;
import io.emospectrum.spi.ProviderRegistry;

import java.util.Map;

/**
 * A plugin that creates {@link FaceDetector}s, found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/io.emospectrum.image.detect.FaceDetectorProvider} by the one
 * {@link ProviderRegistry}. The highest rank is the default; {@code -Demospectrum.face.detector=NAME}
 * or the extractor option {@code detector} picks one by name.
 */
public interface FaceDetectorProvider extends Plugin {
    /** The system property that names the detector to use. */
    String PROPERTY = "emospectrum.face.detector";

    /**
     * @param options provider-specific settings (keys from {@link #supportedOptions()}), parsed and checked here
     * @param device  {@code auto}, {@code cpu}, {@code gpu}, {@code gpu:N}
     * @throws io.emospectrum.error.InvalidOptionException for an unknown option or a value out of range
     */
    FaceDetector create(Map<String, String> options, DeviceChoice device);

    /** The detector providers on the class path, highest rank first. */
    static ProviderRegistry<FaceDetectorProvider> registry() {
        return ProviderRegistry.load("face-detector", PROPERTY, FaceDetectorProvider.class, FaceDetectorProvider.class.getClassLoader());
    }

    /** The provider called {@code name} (null: the system property, else the highest rank). */
    static FaceDetectorProvider select(String name) {
        return registry().select(name);
    }
}
