package io.emospectrum.image.track;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.image.FaceObservation;
import io.emospectrum.image.detect.DetectedFace;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.spectrum.BoundingBox;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Span;
import io.emospectrum.spectrum.TimeSpan;
import io.emospectrum.spi.FaceTracker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Follows faces across the frames of one video. Each call takes a batch of frames: the detector
 * runs once on the batch's frames that are due for detection (one in
 * {@link TrackingSettings#detectInterval()}, counted across calls; the frames between keep the last
 * detection's boxes), all faces of the batch go to the expression network in one batch, then IoU
 * matching (with a nearest-centre fallback for fast motion, {@link IouMatcher}) gives each face a
 * stable subject id ({@code track-1}, {@code track-2}, ...), each track's scores are smoothed with an
 * exponential moving average, and each track keeps a running summary (mean scores over its frames,
 * first to last time). Nothing per frame is kept: memory stays flat however long the video. Not
 * thread-safe: one tracker per video.
 */
public final class IouFaceTracker implements FaceTracker {

    /** Finds the faces of several frames, in one batch. */
    public interface FaceFinder {
        List<List<DetectedFace>> detectAll(List<ImageFrame> frames);
    }

    /** Classifies the given faces of each frame, all in one batch. */
    public interface FaceClassifier {
        List<List<FaceObservation>> classify(List<ImageFrame> frames, List<List<DetectedFace>> faces);
    }

    /** Turns an observation with (smoothed or summary) scores into a reading. */
    public interface ReadingFactory {
        EmotionReading reading(FaceObservation observation, float[] scores, float confidence, Span span, String subject);
    }

    private final FaceFinder detector;
    private final FaceClassifier classifier;
    private final ReadingFactory readings;
    private final TrackingSettings settings;
    private final IouMatcher matcher;
    private final Map<Integer, Track> active = new LinkedHashMap<>();
    private final List<Track> all = new ArrayList<>();
    private List<DetectedFace> lastDetected = List.of();
    private long framesSeen;
    private int nextId = 1;
    private double lastTime = -1;
    private boolean closed;

    public IouFaceTracker(FaceFinder detector, FaceClassifier classifier, ReadingFactory readings, TrackingSettings settings) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.readings = Objects.requireNonNull(readings, "readings");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.matcher = new IouMatcher(settings.minIou(), settings.maxShift());
    }

    private static final class Track {
        final String id;
        BoundingBox box;
        float[] smoothed;
        final double[] sum;
        double confidenceSum;
        int frames;
        int missed;
        final double start;
        double end;
        FaceObservation last;

        Track(String id, FaceObservation o, double time) {
            this.id = id;
            this.box = o.face().box();
            this.smoothed = o.modelScores();
            this.sum = new double[smoothed.length];
            this.start = time;
            this.end = time;
        }
    }

    @Override
    public List<List<EmotionReading>> acceptAll(List<ImageFrame> frames) {
        if (closed) {
            throw new IllegalStateException("tracker is closed");
        }
        double t = lastTime;
        for (ImageFrame f : frames) {
            Objects.requireNonNull(f, "frame");
            if (f.timestampSeconds() < t) {
                throw new InvalidInputException("frames must come in time order: " + f.timestampSeconds() + " s after " + t + " s");
            }
            t = f.timestampSeconds();
        }
        List<ImageFrame> due = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            if (dueForDetection(framesSeen + i)) {
                due.add(frames.get(i));
            }
        }
        List<List<DetectedFace>> detected = due.isEmpty() ? List.of() : detector.detectAll(due);
        List<List<DetectedFace>> faces = new ArrayList<>(frames.size());
        for (int i = 0, d = 0; i < frames.size(); i++) {
            if (dueForDetection(framesSeen + i)) {
                lastDetected = detected.get(d++);
            }
            faces.add(lastDetected);
        }
        List<List<FaceObservation>> observed = classifier.classify(frames, faces);
        List<List<EmotionReading>> out = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            out.add(update(observed.get(i), frames.get(i).timestampSeconds()));
        }
        framesSeen += frames.size();
        lastTime = t;
        return out;
    }

    private boolean dueForDetection(long frameIndex) {
        return frameIndex % settings.detectInterval() == 0;
    }

    /** Matches one frame's observations to the tracks. */
    private List<EmotionReading> update(List<FaceObservation> observations, double time) {
        List<Integer> ids = new ArrayList<>(active.keySet());
        List<BoundingBox> boxes = new ArrayList<>();
        ids.forEach(i -> boxes.add(active.get(i).box));
        List<BoundingBox> dets = observations.stream().map(o -> o.face().box()).toList();
        int[] match = matcher.match(boxes, dets);
        List<EmotionReading> out = new ArrayList<>(observations.size());
        Set<Integer> seen = new HashSet<>();
        for (int d = 0; d < observations.size(); d++) {
            FaceObservation o = observations.get(d);
            Track tr;
            int key;
            if (match[d] >= 0) {
                key = ids.get(match[d]);
                tr = active.get(key);
                float[] s = o.modelScores();
                float a = settings.smoothing();
                for (int k = 0; k < s.length; k++) {
                    tr.smoothed[k] = a * s[k] + (1 - a) * tr.smoothed[k];
                }
                tr.box = o.face().box();
            } else {
                key = nextId++;
                tr = new Track("track-" + key, o, time);
                active.put(key, tr);
                all.add(tr);
            }
            seen.add(key);
            float[] s = o.modelScores();
            for (int k = 0; k < s.length; k++) {
                tr.sum[k] += s[k];
            }
            tr.frames++;
            tr.missed = 0;
            tr.end = time;
            tr.last = o;
            float conf = o.quality().confidence();
            tr.confidenceSum += conf;
            out.add(readings.reading(o, tr.smoothed.clone(), conf, Span.of(new TimeSpan(time, time)).withBox(o.face().box()), tr.id));
        }
        active.entrySet().removeIf(e -> !seen.contains(e.getKey()) && ++e.getValue().missed > settings.maxMissed());
        return out;
    }

    @Override
    public List<EmotionReading> trackSummaries() {
        List<EmotionReading> out = new ArrayList<>(all.size());
        for (Track tr : all) {
            float[] mean = new float[tr.sum.length];
            for (int k = 0; k < mean.length; k++) {
                mean[k] = (float) (tr.sum[k] / tr.frames);
            }
            float conf = (float) Math.min(1, tr.confidenceSum / tr.frames);
            out.add(readings.reading(tr.last, mean, conf, Span.of(new TimeSpan(tr.start, tr.end)), tr.id));
        }
        return out;
    }

    /** Frames accepted so far. */
    public long framesSeen() {
        return framesSeen;
    }

    /** The tracker owns neither detector nor classifier: closing it ends the video, not the models. */
    @Override
    public void close() {
        closed = true;
        active.clear();
        lastDetected = List.of();
    }
}
