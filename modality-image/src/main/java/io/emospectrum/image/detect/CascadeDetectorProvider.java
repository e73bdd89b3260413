package io.emospectrum.image.detect;

import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ConfigurationException;

import java.util.List;
import java.util.Map;

/**
 * {@code cascade}: OpenCV's frontal-face cascade. Options: {@code cascade} (lbp|haar),
 * {@code detect-side} (pixels), {@code min-face} (fraction of the shorter side), {@code min-neighbors}.
 */
public final class CascadeDetectorProvider implements FaceDetectorProvider {
    @Override
    public String name() {
        return "cascade";
    }

    @Override
    public int rank() {
        return 10;
    }

    @Override
    public List<String> optionKeys() {
        return List.of("cascade", "detect-side", "min-face", "min-neighbors");
    }

    @Override
    public FaceDetector create(Map<String, String> options, DeviceChoice device) {
        CascadeFaceDetector.Settings d = CascadeFaceDetector.Settings.DEFAULT;
        try {
            return new CascadeFaceDetector(new CascadeFaceDetector.Settings(
                    options.containsKey("cascade") ? CascadeFaceDetector.Cascade.parse(options.get("cascade")) : d.cascade(),
                    options.containsKey("detect-side") ? Integer.parseInt(options.get("detect-side")) : d.detectSide(),
                    options.containsKey("min-face") ? Float.parseFloat(options.get("min-face")) : d.minFaceRatio(),
                    options.containsKey("min-neighbors") ? Integer.parseInt(options.get("min-neighbors")) : d.minNeighbors()));
        } catch (NumberFormatException e) {
            throw new ConfigurationException("cascade detector option is not a number: " + e.getMessage());
        }
    }
}
