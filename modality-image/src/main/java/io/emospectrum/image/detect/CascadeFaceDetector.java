package io.emospectrum.image.detect;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.image.frame.ImageFrames;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.spectrum.BoundingBox;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * OpenCV's LBP or Haar frontal-face cascade, which ships inside the bytedeco opencv jar: the
 * detector that needs no extra weights. Frames are shrunk to {@link Settings#detectSide()} before
 * detection (cascades are slow on large frames) and boxes scaled back.
 *
 * <p>{@code CascadeClassifier} is not thread-safe: each call borrows one from a pool.
 */
public final class CascadeFaceDetector implements FaceDetector {
    private static final String BASE = "/org/bytedeco/opencv/" + Loader.getPlatform() + "/share/opencv4/";

    /** The cascades we know to work on faces, by short name. */
    public enum Cascade {
        LBP("lbpcascades/lbpcascade_frontalface_improved.xml"),
        HAAR("haarcascades/haarcascade_frontalface_alt2.xml");

        private final String resource;

        Cascade(String resource) {
            this.resource = resource;
        }

        public static Cascade parse(String s) {
            for (Cascade c : values()) {
                if (c.name().equalsIgnoreCase(s.trim())) {
                    return c;
                }
            }
            throw new ConfigurationException("cascade '" + s + "' is not one of lbp, haar");
        }
    }

    /**
     * @param cascade      which cascade
     * @param detectSide   the shorter side frames are shrunk to before detection
     * @param minFaceRatio smallest face, as a fraction of the shorter side of the detection image
     * @param minNeighbors OpenCV's vote threshold: higher finds fewer, surer faces
     */
    public record Settings(Cascade cascade, int detectSide, float minFaceRatio, int minNeighbors) {
        public static final Settings DEFAULT = new Settings(Cascade.LBP, 480, 0.06f, 4);

        public Settings {
            if (detectSide < 64) {
                throw new ConfigurationException("detection side must be >= 64, was " + detectSide);
            }
            if (!(minFaceRatio > 0 && minFaceRatio < 1)) {
                throw new ConfigurationException("min face ratio must be in (0, 1), was " + minFaceRatio);
            }
        }
    }

    private final Settings settings;
    private final String cascadeFile;
    private final ConcurrentLinkedQueue<CascadeClassifier> pool = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    public CascadeFaceDetector(Settings settings) {
        this.settings = settings;
        try {
            File f = Loader.cacheResource(BASE + settings.cascade().resource);
            this.cascadeFile = f.getAbsolutePath();
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot extract the OpenCV cascade " + settings.cascade().resource
                    + " from the bytedeco opencv jar: " + e.getMessage(), e);
        }
        pool.add(newClassifier()); // fail at construction, not at the first frame
    }

    private CascadeClassifier newClassifier() {
        CascadeClassifier c = new CascadeClassifier();
        if (!c.load(cascadeFile)) {
            c.close();
            throw new ModelLoadException("OpenCV could not load cascade " + cascadeFile);
        }
        return c;
    }

    @Override
    public String name() {
        return "cascade";
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public List<DetectedFace> detect(ImageFrame frame) {
        if (closed) {
            throw new IllegalStateException("detector is closed");
        }
        double scale = Math.min(1.0, settings.detectSide() / (double) Math.min(frame.width(), frame.height()));
        CascadeClassifier c = pool.poll();
        if (c == null) {
            c = newClassifier();
        }
        try (Mat img = ImageFrames.toMat(frame); Mat gray = new Mat(); Mat small = new Mat();
             RectVector rects = new RectVector(); IntPointer votes = new IntPointer()) {
            if (img.channels() == 3) {
                cvtColor(img, gray, COLOR_BGR2GRAY);
            } else {
                img.copyTo(gray);
            }
            Mat work = gray;
            if (scale < 1) {
                try (Size s = new Size((int) Math.round(frame.width() * scale), (int) Math.round(frame.height() * scale))) {
                    resize(gray, small, s, 0, 0, INTER_AREA);
                }
                work = small;
            }
            equalizeHist(work, work);
            int minSide = Math.max(20, Math.round(Math.min(work.cols(), work.rows()) * settings.minFaceRatio()));
            try (Size min = new Size(minSide, minSide); Size max = new Size()) {
                c.detectMultiScale2(work, rects, votes, 1.1, settings.minNeighbors(), 0, min, max);
                List<DetectedFace> out = new ArrayList<>((int) rects.size());
                for (long i = 0; i < rects.size(); i++) {
                    Rect r = rects.get(i);
                    // More overlapping hits mean a surer face; 3x the threshold counts as certain.
                    int n = i < votes.limit() ? votes.get(i) : settings.minNeighbors();
                    float score = Math.min(1f, n / (3f * settings.minNeighbors()));
                    out.add(new DetectedFace(new BoundingBox((float) (r.x() / scale), (float) (r.y() / scale),
                            (float) (r.width() / scale), (float) (r.height() / scale)), score));
                    r.close();
                }
                out.sort(Comparator.comparingDouble((DetectedFace d) -> d.score()).reversed());
                return out;
            }
        } finally {
            if (closed) {
                c.close();
            } else {
                pool.add(c);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        CascadeClassifier c;
        while ((c = pool.poll()) != null) {
            c.close();
        }
    }
}
