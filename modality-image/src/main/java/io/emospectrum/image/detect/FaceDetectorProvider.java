package io.emospectrum.image.detect;

import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ProviderNotFoundException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A plugin that creates {@link FaceDetector}s, found with {@link ServiceLoader} through
 * {@code META-INF/services/io.emospectrum.image.detect.FaceDetectorProvider}. The highest rank is
 * the default; {@code -Demospectrum.face.detector=NAME} or the extractor property {@code detector}
 * picks one by name.
 */
public interface FaceDetectorProvider {
    /** The system property that names the detector to use. */
    String PROPERTY = "emospectrum.face.detector";

    String name();

    int rank();

    /** Option keys {@link #create} understands (checked by the face extractor). */
    List<String> optionKeys();

    /**
     * @param options provider-specific settings (keys from {@link #optionKeys()})
     * @param device  {@code auto}, {@code cpu}, {@code gpu}, {@code gpu:N}
     */
    FaceDetector create(Map<String, String> options, DeviceChoice device);

    /** All detector providers on the class path, highest rank first. */
    static List<FaceDetectorProvider> available() {
        List<FaceDetectorProvider> found = new ArrayList<>();
        ServiceLoader.load(FaceDetectorProvider.class, FaceDetectorProvider.class.getClassLoader()).forEach(found::add);
        found.sort(Comparator.comparingInt(FaceDetectorProvider::rank).reversed().thenComparing(FaceDetectorProvider::name));
        return found;
    }

    /** The provider called {@code name} (null: the system property, else the highest rank). */
    static FaceDetectorProvider select(String name) {
        List<FaceDetectorProvider> all = available();
        String wanted = name != null ? name : System.getProperty(PROPERTY);
        List<String> names = all.stream().map(FaceDetectorProvider::name).toList();
        if (wanted == null || wanted.isBlank()) {
            if (all.isEmpty()) {
                throw new ProviderNotFoundException("no face detector is on the classpath", names);
            }
            return all.get(0);
        }
        return all.stream().filter(p -> p.name().equals(wanted.trim())).findFirst()
                .orElseThrow(() -> new ProviderNotFoundException("no face detector named '" + wanted.trim() + "'; available: "
                        + String.join(", ", names), names));
    }
}
