package io.emospectrum.image;

import io.emospectrum.image.detect.DetectedFace;
import io.emospectrum.image.detect.FaceDetector;
import io.emospectrum.image.expression.ExpressionClassifier;
import io.emospectrum.image.expression.FaceCropper;
import io.emospectrum.image.frame.ImageDecoder;
import io.emospectrum.image.quality.FaceQualityScorer;
import io.emospectrum.image.track.IouFaceTracker;
import io.emospectrum.image.track.TrackingSettings;
import io.emospectrum.lifecycle.CloseGuard;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.spectrum.BoundingBox;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spectrum.Span;
import io.emospectrum.spectrum.TimeSpan;
import io.emospectrum.spectrum.VadAnchors;
import io.emospectrum.spi.FaceEmotionExtractor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Faces in, one reading per face out: a {@link FaceDetector} finds the faces, {@link FaceCropper}
 * cuts and levels them, the {@link ExpressionClassifier} scores all faces of a call in one batch,
 * and the model's labels map to the spectrum. Thread-safe (detector and classifier are);
 * {@link #close()} waits for the calls in flight, later calls fail with
 * {@link io.emospectrum.error.ExtractorClosedException}.
 */
public final class MiniXceptionFaceExtractor implements FaceEmotionExtractor {
    private final FaceDetector detector;
    private final ExpressionClassifier classifier;
    private final FaceCropper cropper;
    private final ImageDecoder decoder;
    private final TrackingSettings tracking;
    private final float cropScale;
    private final FaceQualityScorer quality = new FaceQualityScorer();
    private final CloseGuard guard = new CloseGuard("face extractor", this::free);

    /**
     * @param tracking  how videos are tracked, including how often the detector runs
     * @param cropScale how much to grow the detector's box around its centre before cropping
     *                  (expression crops in FER2013 include brow and chin)
     */
    public MiniXceptionFaceExtractor(FaceDetector detector, ExpressionClassifier classifier, TrackingSettings tracking, float cropScale) {
        this(detector, classifier, tracking, cropScale, new ImageDecoder());
    }

    /** @param decoder reads image files (its pixel budget bounds the memory one file can take) */
    public MiniXceptionFaceExtractor(FaceDetector detector, ExpressionClassifier classifier, TrackingSettings tracking, float cropScale,
                                     ImageDecoder decoder) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.detector = Objects.requireNonNull(detector, "detector");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.tracking = Objects.requireNonNull(tracking, "tracking");
        this.cropper = new FaceCropper(classifier.side());
        this.cropScale = cropScale;
    }

    @Override
    public ModelId model() {
        return classifier.id();
    }

    @Override
    public String device() {
        return classifier.device();
    }

    /** The DJL engine that runs the expression network ({@code OnnxRuntime} or {@code PyTorch}). */
    public String expressionEngine() {
        return classifier.engine();
    }

    /** The expression network's labels, in the order of {@link FaceObservation#modelScores()}. */
    public List<String> labelNames() {
        return classifier.labelNames();
    }

    public FaceDetector detector() {
        return detector;
    }

    @Override
    public List<EmotionReading> analyze(ImageFrame image) {
        List<FaceObservation> obs = observe(List.of(image)).get(0);
        List<EmotionReading> out = new ArrayList<>(obs.size());
        for (FaceObservation o : obs) {
            Span span = Span.of(o.face().box());
            if (image.timestampSeconds() > 0) {
                span = span.withTime(new TimeSpan(image.timestampSeconds(), image.timestampSeconds()));
            }
            out.add(reading(o, o.modelScores(), o.quality().confidence(), span, null));
        }
        return out;
    }

    @Override
    public List<EmotionReading> analyze(Path imageFile) {
        return analyze(decoder.decode(imageFile));
    }

    @Override
    public EmotionReading classifyCrop(ImageFrame crop) {
        return classifyCrops(List.of(crop)).get(0);
    }

    @Override
    public EmotionReading classifyCrop(Path cropFile) {
        return classifyCrop(decoder.decode(cropFile));
    }

    @Override
    public List<EmotionReading> classifyCrops(List<ImageFrame> crops) {
        try (CloseGuard.Call call = guard.enter()) {
            return classifyCropsOpen(crops);
        }
    }

    private List<EmotionReading> classifyCropsOpen(List<ImageFrame> crops) {
        int per = cropper.cropSize();
        float[] buf = new float[crops.size() * per];
        for (int i = 0; i < crops.size(); i++) {
            cropper.crop(Objects.requireNonNull(crops.get(i), "crop " + i), buf, i * per);
        }
        float[][] scores = classifier.scores(buf, crops.size());
        List<EmotionReading> out = new ArrayList<>(crops.size());
        for (int i = 0; i < crops.size(); i++) {
            ImageFrame c = crops.get(i);
            DetectedFace whole = new DetectedFace(new BoundingBox(0, 0, c.width(), c.height()), 1f);
            FaceObservation o = new FaceObservation(whole, scores[i], quality.score(whole, buf, i * per, cropper.side()));
            out.add(reading(o, scores[i], o.quality().confidence(), Span.WHOLE, null));
        }
        return out;
    }

    /** Decodes crop files and classifies them in batches (evaluation, bulk crops). */
    public List<EmotionReading> classifyCropFiles(List<Path> files) {
        List<ImageFrame> frames = new ArrayList<>(files.size());
        for (Path p : files) {
            frames.add(decoder.decode(p));
        }
        return classifyCrops(frames);
    }

    /**
     * Detects and classifies the faces of several frames, with all their faces in one batch.
     *
     * @return per frame, its observations (raw model scores)
     */
    public List<List<FaceObservation>> observe(List<ImageFrame> frames) {
        try (CloseGuard.Call call = guard.enter()) {
            return classifyOpen(frames, detector.detectAll(frames));
        }
    }

    /** Classifies the given faces of each frame, all in one batch. */
    public List<List<FaceObservation>> classify(List<ImageFrame> frames, List<List<DetectedFace>> faces) {
        try (CloseGuard.Call call = guard.enter()) {
            return classifyOpen(frames, faces);
        }
    }

    private List<List<FaceObservation>> classifyOpen(List<ImageFrame> frames, List<List<DetectedFace>> faces) {
        int total = faces.stream().mapToInt(List::size).sum();
        int per = cropper.cropSize();
        float[] buf = new float[total * per];
        int k = 0;
        for (int f = 0; f < frames.size(); f++) {
            for (DetectedFace d : faces.get(f)) {
                cropper.crop(frames.get(f), grow(d.box()), d.eyeRoll().orElse(0.0), buf, k++ * per);
            }
        }
        float[][] scores = classifier.scores(buf, total);
        List<List<FaceObservation>> out = new ArrayList<>(frames.size());
        k = 0;
        for (List<DetectedFace> fs : faces) {
            List<FaceObservation> obs = new ArrayList<>(fs.size());
            for (DetectedFace d : fs) {
                obs.add(new FaceObservation(d, scores[k], quality.score(d, buf, k * per, cropper.side())));
                k++;
            }
            out.add(obs);
        }
        return out;
    }

    private BoundingBox grow(BoundingBox b) {
        if (cropScale == 1f) {
            return b;
        }
        float w = b.width() * cropScale;
        float h = b.height() * cropScale;
        return new BoundingBox(b.x() + (b.width() - w) / 2, b.y() + (b.height() - h) / 2, w, h);
    }

    /**
     * A tracker for one video: takes frames one at a time or in batches (a batch's faces go to the
     * networks together), detects on one frame in {@code detect-interval} and follows the faces in
     * between.
     */
    @Override
    public IouFaceTracker openTracker() {
        guard.checkOpen();
        return new IouFaceTracker(this::detect, this::classify, this::reading, tracking);
    }

    /** The detector alone, on several frames in one batch. */
    public List<List<DetectedFace>> detect(List<ImageFrame> frames) {
        try (CloseGuard.Call call = guard.enter()) {
            return detector.detectAll(frames);
        }
    }

    /** A reading from scores in the model's label order. */
    EmotionReading reading(FaceObservation o, float[] scores, float confidence, Span span, String subject) {
        return EmotionReading.builder()
                .spectrum(classifier.labels().toSpectrum(scores, VadAnchors.NRC_VAD_2018))
                .modelScores(classifier.labels().labelScores(scores))
                .confidence(Math.max(0f, Math.min(1f, confidence)))
                .modality(Modality.FACE)
                .model(classifier.id())
                .device(classifier.device())
                .span(span)
                .subject(subject)
                .build();
    }

    @Override
    public void close() {
        guard.close();
    }

    private void free() {
        try {
            detector.close();
        } finally {
            classifier.close();
        }
    }
}
