package io.emospectrum.tools.face;

import io.emospectrum.device.DeviceChoice;
import io.emospectrum.image.FaceObservation;
import io.emospectrum.image.MiniXceptionFaceExtractor;
import io.emospectrum.image.MiniXceptionFaceProvider;
import io.emospectrum.image.detect.DetectedFace;
import io.emospectrum.image.detect.FaceDetector;
import io.emospectrum.image.detect.FaceDetectorProvider;
import io.emospectrum.image.detect.PaddedRetryDetector;
import io.emospectrum.image.expression.FaceCropper;
import io.emospectrum.image.frame.ImageDecoder;
import io.emospectrum.image.quality.FaceQualityScorer;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.spectrum.BoundingBox;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spi.ExtractorOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code detection}: how well the face detector finds faces and only faces, at a range of
 * thresholds, as the face extractor runs it (the detector, then for a frame where it finds nothing a
 * second look on a padded frame, {@link PaddedRetryDetector}; for BlazeFace the second look is the
 * front model's, as {@code BlazeFaceDetectorProvider} sets it up).
 *
 * <pre>
 * ./emospectrum-tools evaluate face-detection [--faces DIR] [--limit N]
 *     [--skimage DIR] [--pad P] [--thresholds 0.5,0.6,...] [--pad-thresholds 0.5,...] [--whole S] [--detector NAME]
 *     [--option KEY=VALUE]... [--sharpness]
 * ./emospectrum-tools evaluate face-detection --as-configured [--faces DIR | --held-out] [--limit N] [--option KEY=VALUE]...
 * ./emospectrum-tools evaluate face-detection --scene 1280x720 [--option KEY=VALUE]...
 * ./emospectrum-tools evaluate face-detection --expressions [--faces DIR] [--limit N] [--crop-scale S]
 * </pre>
 * <ul>
 *   <li>faces: FER2013 crops ({@code --faces}, default {@code train/}; {@code --limit N} takes N spread evenly over
 *       the sorted list), each one face that fills the image. A detection is correct when it overlaps the whole
 *       image with IoU of at least 0.25; a second box, or a box elsewhere, is a false detection;</li>
 *   <li>non-faces: {@link NonFaceSet} from {@code --skimage} (default Debian's python3-skimage data): every
 *       detection is false;</li>
 *   <li>per pair of thresholds (first look's {@code min-score}, second look's {@code pad-min-score}): recall (faces
 *       found / face images), the face images with any box at all (what "yields a face" means to a user), the
 *       non-face images with a detection, and precision (correct / all detections over both sets).</li>
 * </ul>
 * Detection runs once at a low threshold; each row replays the first looks of the extractor's rule (the detector, the
 * front model as it is and on one padded canvas) at its thresholds; the later looks (mirror images, more canvases, the
 * Haar frame check) are measured by {@code --as-configured}. {@code --pad 0}
 * turns the second look off; {@code --whole S} also counts a padded box over most of the frame at score S or more
 * when nothing else is found (a whole-image fallback, not in the product). {@code --sharpness} also prints the distribution of the crops' sharpness
 * ({@link FaceQualityScorer#sharpness}) that calibrates the quality score. {@code --scene WxH}: recall by face size
 * in wide frames instead ({@link SceneFaces}), with the detector as configured (defaults unless {@code --option}).
 * {@code --as-configured}: the detector exactly as the extractor builds it (defaults unless {@code --option}), every
 * look and fallback included, on the face crops ({@code --held-out}: the held-out part of {@code train/} that
 * {@code TrainCommand} keeps out) and the non-face set: one row.
 * {@code --expressions}: expression accuracy of the whole pipeline (detect, crop, classify the largest face; no face
 * is wrong) on the face crops, beside crop mode on the same images.
 */
@picocli.CommandLine.Command(name = "face-detection", mixinStandardHelpOptions = true,
        description = "Precision and recall of face detection: FER2013 crops and a non-face set (python3-skimage), small faces in wide frames (--scene WxH), "
                + "expression accuracy through detection (--expressions). Options as in the class documentation.")
public final class DetectionEvaluateCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Unmatched
    private List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        main(arguments.toArray(String[]::new));
        return 0;
    }

    /** Detections below this are not recorded: the lowest threshold a row can replay. */
    private static final float FLOOR = 0.2f;

    /** One detection as recorded: its score and whether it is the face. */
    private record Hit(float score, boolean correct, boolean whole) {
    }

    /** An image's detections, plain and on the padded frame. */
    private record Result(List<Hit> plain, List<Hit> second, List<Hit> padded) {
        /**
         * What the detector reports with thresholds {@code t} (first look) and {@code tPad} (second look): the plain
         * detections, or the padded ones when there are none; with none either, a padded box over most of the frame
         * at {@code wholeScore} or more (0: off).
         */
        List<Hit> at(float t, float tPad, float wholeScore) {
            List<Hit> p = plain.stream().filter(h -> h.score() >= t).toList();
            if (!p.isEmpty() || padded == null) {
                return p;
            }
            p = second == null ? List.of() : second.stream().filter(h -> h.score() >= tPad).toList();
            if (!p.isEmpty()) {
                return p;
            }
            p = padded.stream().filter(h -> h.score() >= tPad).toList();
            if (!p.isEmpty() || wholeScore <= 0) {
                return p;
            }
            return padded.stream().filter(h -> h.whole() && h.score() >= wholeScore).limit(1).toList();
        }
    }

    public static void main(String[] args) {
        Path faces = null;
        int limit = 0;
        Path skimage = NonFaceSet.DEBIAN_SKIMAGE_DATA;
        float pad = 2f;
        float[] thresholds = {0.5f, 0.6f, 0.7f, 0.75f, 0.8f, 0.85f, 0.9f, 0.95f};
        float[] padThresholds = {0.5f, 0.55f, 0.6f, 0.65f, 0.7f, 0.75f};
        String detectorName = null;
        boolean sharpness = false;
        float whole = 0;
        String scene = null;
        String cropScale = null;
        boolean expressions = false;
        boolean asConfigured = false;
        boolean heldOut = false;
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--faces" -> faces = Path.of(args[++i]);
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                case "--skimage" -> skimage = Path.of(args[++i]);
                case "--pad" -> pad = Float.parseFloat(args[++i]);
                case "--detector" -> detectorName = args[++i];
                case "--sharpness" -> sharpness = true;
                case "--whole" -> whole = Float.parseFloat(args[++i]);
                case "--scene" -> scene = args[++i];
                case "--expressions" -> expressions = true;
                case "--as-configured" -> asConfigured = true;
                case "--held-out" -> heldOut = true;
                case "--crop-scale" -> cropScale = args[++i];
                case "--thresholds" -> thresholds = floats(args[++i]);
                case "--pad-thresholds" -> padThresholds = floats(args[++i]);
                case "--option" -> {
                    String[] kv = args[++i].split("=", 2);
                    options.put(kv[0], kv[1]);
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (scene != null) {
            scenes(scene, skimage, detectorName, options);
            return;
        }
        if (faces == null) {
            faces = Fer2013.defaultDir("train");
        }
        if (asConfigured) {
            List<Fer2013.Sample> all = heldOut ? HeldOutSplit.of(Fer2013.list(faces), HeldOutSplit.DEFAULT_FRACTION, HeldOutSplit.DEFAULT_SEED).heldOut()
                    : Fer2013.list(faces);
            asConfigured(spread(all, limit), heldOut ? faces + " (held-out part)" : faces.toString(), skimage, detectorName, options);
            return;
        }
        if (expressions) {
            expressions(faces, limit, detectorName, options, cropScale);
            return;
        }
        options.put("min-score", Float.toString(FLOOR));
        options.put("pad", "0");
        Map<String, String> closeUp = new HashMap<>(options);
        closeUp.put("model", "front");
        List<Fer2013.Sample> samples = spread(Fer2013.list(faces), limit);
        List<NonFaceSet.Item> nonFaces = NonFaceSet.load(skimage);
        FaceDetectorProvider provider = FaceDetectorProvider.select(detectorName);
        long t0 = System.nanoTime();
        try (FaceDetector detector = provider.create(options, DeviceChoice.parse("cpu"));
             FaceDetector second = provider.name().equals("blazeface") ? provider.create(closeUp, DeviceChoice.parse("cpu")) : detector) {
            ImageDecoder decoder = new ImageDecoder();
            List<Result> faceResults = new ArrayList<>();
            List<Double> sharp = new ArrayList<>();
            FaceCropper cropper = new FaceCropper(64);
            float[] crop = new float[cropper.cropSize()];
            int chunk = 64;
            for (int s = 0; s < samples.size(); s += chunk) {
                List<ImageFrame> frames = new ArrayList<>();
                for (Fer2013.Sample x : samples.subList(s, Math.min(samples.size(), s + chunk))) {
                    ImageFrame f = decoder.decode(x.file());
                    frames.add(f);
                    if (sharpness) {
                        cropper.crop(f, crop, 0);
                        sharp.add(FaceQualityScorer.sharpness(crop, 0, 64));
                    }
                }
                faceResults.addAll(run(detector, second, frames, pad, true));
            }
            List<ImageFrame> nf = nonFaces.stream().map(NonFaceSet.Item::frame).toList();
            List<Result> nonFaceResults = new ArrayList<>();
            for (int s = 0; s < nf.size(); s += chunk) {
                nonFaceResults.addAll(run(detector, second, nf.subList(s, Math.min(nf.size(), s + chunk)), pad, false));
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "detector %s %s%s; faces: %d crops from %s; non-faces: %d images from %s; %.1f s%n",
                    provider.name(), options, pad > 1 ? ", second look on a frame padded x" + pad : ", no second look",
                    samples.size(), faces, nonFaces.size(), skimage, secs);
            System.out.println("min-score  pad-min-score  recall  faces-missed  face-images-with-any-box  non-face-images-with-a-face  false-detections  precision");
            for (float t : thresholds) {
                for (float tp : pad > 1 ? padThresholds : new float[] {1}) {
                    int found = 0;
                    int anyBox = 0;
                    int falseDet = 0;
                    for (Result r : faceResults) {
                        List<Hit> hits = r.at(t, tp, whole);
                        anyBox += hits.isEmpty() ? 0 : 1;
                        boolean any = hits.stream().anyMatch(Hit::correct);
                        found += any ? 1 : 0;
                        falseDet += hits.size() - (any ? 1 : 0);
                    }
                    int nfImages = 0;
                    for (Result r : nonFaceResults) {
                        int n = r.at(t, tp, whole).size();
                        falseDet += n;
                        nfImages += n > 0 ? 1 : 0;
                    }
                    double precision = found + falseDet == 0 ? 1 : found / (double) (found + falseDet);
                    System.out.printf(Locale.ROOT, "%9.2f  %13.2f  %6.4f  %12d  %24.4f  %27d  %16d  %9.4f%n", t, tp, found / (double) faceResults.size(),
                            faceResults.size() - found, anyBox / (double) faceResults.size(), nfImages, falseDet, precision);
                }
            }
            for (int i = 0; i < nonFaceResults.size(); i++) {
                for (Hit h : nonFaceResults.get(i).at(thresholds[0], padThresholds[0], whole)) {
                    System.out.printf(Locale.ROOT, "  non-face %s: a face at %.3f (at the lowest thresholds)%n", nonFaces.get(i).name(), h.score());
                }
            }
            if (sharpness) {
                double[] v = sharp.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf(Locale.ROOT, "crop sharpness (mean squared Laplacian, 64x64, [-1, 1]): p5 %.4f p10 %.4f p25 %.4f p50 %.4f p75 %.4f%n",
                        v[(int) (v.length * 0.05)], v[(int) (v.length * 0.10)], v[(int) (v.length * 0.25)], v[v.length / 2], v[(int) (v.length * 0.75)]);
            }
        }
    }

    /** Detections of each frame, plain and (with {@code pad > 1}) on the padded frame. */
    private static List<Result> run(FaceDetector detector, FaceDetector second, List<ImageFrame> frames, float pad, boolean facesFillTheFrame) {
        List<List<DetectedFace>> plain = detector.detectAll(frames);
        // every frame padded (not only those without a face) so that any threshold can be replayed
        PaddedRetryDetector retry = pad > 1 ? new PaddedRetryDetector(detector, second, pad) : null;
        List<List<DetectedFace>> asIs = retry != null && second != detector ? retry.detectSecond(frames) : null;
        List<List<DetectedFace>> padded = retry != null ? retry.detectPadded(frames) : null;
        List<Result> out = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            ImageFrame f = frames.get(i);
            out.add(new Result(hits(plain.get(i), f, facesFillTheFrame), asIs == null ? null : hits(asIs.get(i), f, facesFillTheFrame),
                    padded == null ? null : hits(padded.get(i), f, facesFillTheFrame)));
        }
        return out;
    }

    /** The first box that overlaps the whole frame (IoU >= 0.25) is the face; every other box is false. */
    private static List<Hit> hits(List<DetectedFace> faces, ImageFrame f, boolean faceFillsTheFrame) {
        BoundingBox whole = new BoundingBox(0, 0, f.width(), f.height());
        List<Hit> out = new ArrayList<>();
        boolean taken = false;
        for (DetectedFace d : faces) {
            boolean correct = faceFillsTheFrame && !taken && d.box().iou(whole) >= 0.25f;
            taken |= correct;
            out.add(new Hit(d.score(), correct, d.box().iou(whole) >= 0.5f));
        }
        return out;
    }

    /** Recall and precision of the detector as the extractor builds it, on face crops and the non-face set. */
    private static void asConfigured(List<Fer2013.Sample> samples, String from, Path skimage, String detectorName, Map<String, String> options) {
        List<NonFaceSet.Item> nonFaces = NonFaceSet.load(skimage);
        FaceDetectorProvider provider = FaceDetectorProvider.select(detectorName);
        ImageDecoder decoder = new ImageDecoder();
        long t0 = System.nanoTime();
        try (FaceDetector detector = provider.create(options, DeviceChoice.parse("cpu"))) {
            int found = 0;
            int anyBox = 0;
            int falseDet = 0;
            for (int s = 0; s < samples.size(); s += 64) {
                List<ImageFrame> frames = samples.subList(s, Math.min(samples.size(), s + 64)).stream().map(x -> decoder.decode(x.file())).toList();
                List<List<DetectedFace>> det = detector.detectAll(frames);
                for (int i = 0; i < frames.size(); i++) {
                    List<Hit> hits = hits(det.get(i), frames.get(i), true);
                    anyBox += hits.isEmpty() ? 0 : 1;
                    boolean any = hits.stream().anyMatch(Hit::correct);
                    found += any ? 1 : 0;
                    falseDet += hits.size() - (any ? 1 : 0);
                }
            }
            int nfImages = 0;
            List<String> named = new ArrayList<>();
            for (int s = 0; s < nonFaces.size(); s += 64) {
                List<NonFaceSet.Item> part = nonFaces.subList(s, Math.min(nonFaces.size(), s + 64));
                List<List<DetectedFace>> det = detector.detectAll(part.stream().map(NonFaceSet.Item::frame).toList());
                for (int i = 0; i < part.size(); i++) {
                    falseDet += det.get(i).size();
                    nfImages += det.get(i).isEmpty() ? 0 : 1;
                    for (DetectedFace d : det.get(i)) {
                        named.add(String.format(Locale.ROOT, "%s (%.3f)", part.get(i).name(), d.score()));
                    }
                }
            }
            int n = samples.size();
            double precision = found + falseDet == 0 ? 1 : found / (double) (found + falseDet);
            System.out.printf(Locale.ROOT, "detector %s as configured %s; faces: %d crops from %s; non-faces: %d images from %s; %.1f s%n",
                    provider.name(), options, n, from, nonFaces.size(), skimage, (System.nanoTime() - t0) / 1e9);
            System.out.printf(Locale.ROOT, "recall %.4f (%d of %d), face images with any box %.4f, non-face images with a face %d, "
                    + "false detections %d, precision %.4f%n", found / (double) n, found, n, anyBox / (double) n, nfImages, falseDet, precision);
            named.forEach(x -> System.out.println("  non-face with a face: " + x));
        }
    }

    /**
     * Recall by face size in frames of {@code size} ({@code WIDTHxHEIGHT}): skimage's astronaut face scaled to each
     * side and pasted on the non-face photos ({@link SceneFaces}), through the detector as the extractor builds it.
     */
    private static void scenes(String size, Path skimage, String detectorName, Map<String, String> options) {
        int w = Integer.parseInt(size.substring(0, size.indexOf('x')));
        int h = Integer.parseInt(size.substring(size.indexOf('x') + 1));
        ImageDecoder decoder = new ImageDecoder();
        ImageFrame astro = decoder.decode(skimage.resolve("astronaut.png"));
        List<ImageFrame> backgrounds = NonFaceSet.load(skimage).stream().filter(i -> !i.name().startsWith("lfw"))
                .map(NonFaceSet.Item::frame).toList();
        FaceDetectorProvider provider = FaceDetectorProvider.select(detectorName);
        try (FaceDetector detector = provider.create(options, DeviceChoice.parse("cpu"))) {
            BoundingBox face = detector.detect(astro).get(0).box();
            System.out.printf(Locale.ROOT, "detector %s %s on %dx%d frames: skimage's astronaut face (box %.0f px) scaled and pasted on "
                    + "%d non-face photos, 50 frames per size%n", provider.name(), options, w, h, face.width(), backgrounds.size());
            System.out.println("face side (px)  recall  false-detections");
            for (int side : new int[] {16, 20, 24, 32, 40, 48, 64, 96, 128, 192}) {
                List<SceneFaces.Scene> scenes = SceneFaces.make(astro, face, backgrounds, w, h, side, 50, side);
                int found = 0;
                int falseDet = 0;
                for (int s = 0; s < scenes.size(); s += 10) {
                    List<SceneFaces.Scene> part = scenes.subList(s, Math.min(scenes.size(), s + 10));
                    List<List<DetectedFace>> det = detector.detectAll(part.stream().map(SceneFaces.Scene::frame).toList());
                    for (int i = 0; i < part.size(); i++) {
                        boolean hit = false;
                        for (DetectedFace d : det.get(i)) {
                            if (!hit && d.box().iou(part.get(i).face()) >= 0.3f) {
                                hit = true;
                            } else {
                                falseDet++;
                            }
                        }
                        found += hit ? 1 : 0;
                    }
                }
                System.out.printf(Locale.ROOT, "%14d  %6.2f  %16d%n", side, found / (double) scenes.size(), falseDet);
            }
        }
    }

    /**
     * Expression accuracy of the whole pipeline on face crops given as images: detect, crop the largest face's box
     * (grown by {@code crop-scale}), classify; a crop where no face is found counts as wrong. Crop mode on the same
     * images is printed beside it.
     */
    private static void expressions(Path faces, int limit, String detectorName, Map<String, String> detectorOptions, String cropScale) {
        List<Fer2013.Sample> samples = spread(Fer2013.list(faces), limit);
        ExtractorOptions.Builder b = ExtractorOptions.builder().batchSize(64);
        if (detectorName != null) {
            b.property("detector", detectorName);
        }
        detectorOptions.forEach((k, v) -> b.property("detector-" + k, v));
        if (cropScale != null) {
            b.property("crop-scale", cropScale);
        }
        ImageDecoder decoder = new ImageDecoder();
        try (MiniXceptionFaceExtractor x = new MiniXceptionFaceProvider().createExtractor(b.build())) {
            List<String> labels = x.labelNames();
            int pipelineRight = 0;
            int cropRight = 0;
            int missed = 0;
            for (int s = 0; s < samples.size(); s += 64) {
                List<Fer2013.Sample> part = samples.subList(s, Math.min(samples.size(), s + 64));
                List<ImageFrame> frames = part.stream().map(p -> decoder.decode(p.file())).toList();
                List<List<FaceObservation>> obs = x.observe(frames);
                List<EmotionReading> crops = x.classifyCrops(frames);
                for (int i = 0; i < part.size(); i++) {
                    String truth = Fer2013.CLASSES.get(part.get(i).label());
                    FaceObservation largest = obs.get(i).stream()
                            .max(java.util.Comparator.comparingDouble(o -> o.face().box().width() * o.face().box().height())).orElse(null);
                    if (largest == null) {
                        missed++;
                    } else if (labels.get(Spectrum.dominantIndex(largest.modelScores())).equals(truth)) {
                        pipelineRight++;
                    }
                    java.util.Map<String, Float> scores = crops.get(i).modelScores().asMap();
                    String best = scores.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
                    cropRight += best.equals(truth) ? 1 : 0;
                }
            }
            int n = samples.size();
            System.out.printf(Locale.ROOT, "%d crops from %s, detector %s %s, crop-scale %s: pipeline accuracy %.4f (no face in %d), "
                            + "crop mode %.4f%n", n, faces, x.detector().name(), detectorOptions, cropScale == null ? "1.0" : cropScale,
                    pipelineRight / (double) n, missed, cropRight / (double) n);
        }
    }

    private static float[] floats(String csv) {
        String[] t = csv.split(",");
        float[] out = new float[t.length];
        for (int k = 0; k < t.length; k++) {
            out[k] = Float.parseFloat(t[k]);
        }
        return out;
    }

    /** {@code n} samples spread evenly over the list (all of them when {@code n} is 0 or more than there are). */
    static List<Fer2013.Sample> spread(List<Fer2013.Sample> all, int n) {
        if (n <= 0 || n >= all.size()) {
            return all;
        }
        List<Fer2013.Sample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(all.get((int) ((long) i * all.size() / n)));
        }
        return out;
    }
}
