package io.emospectrum.image.detect;

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

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Is the whole frame one face? The last look for a tight face crop that BlazeFace scores too low: an independent
 * detector, OpenCV's Haar cascades (the frontal {@code alt2} and, for turned faces, the profile one on the frame
 * and its mirror image), runs on the frame scaled to {@value #SIDE} px on its longer side (FER2013's size) and placed
 * in the middle of a canvas {@code pad} times that side, edges repeated. A cascade box that covers the frame
 * (IoU of at least 0.25) with at least {@code minVotes} neighbouring hits is reported as the face, mapped back to the
 * frame and clipped, with the score {@code min(1, votes / 9)} (as {@link CascadeFaceDetector} scores votes, so
 * BlazeFace-level scores need many hits). Frames of any size cost one tiny detection per canvas: only a face that
 * fills the frame can be found, never a small face in a scene. Thresholds: docs/modality-image.md, "Face detection".
 *
 * <p>{@code CascadeClassifier} is not thread-safe: each call borrows one set from a pool.
 */
public final class FrameFaceCheck implements FaceDetector {
    /** The longer side the frame is scaled to before the cascades run: FER2013's 48 px. */
    public static final int SIDE = 48;
    private static final String BASE = "/org/bytedeco/opencv/" + Loader.getPlatform() + "/share/opencv4/haarcascades/";
    private static final String FRONTAL = "haarcascade_frontalface_alt2.xml";
    private static final String PROFILE = "haarcascade_profileface.xml";

    private final float[] pads;
    private final int minVotes;
    private final boolean profile;
    private final int maxSide;
    private final String frontalFile;
    private final String profileFile;
    private final ConcurrentLinkedQueue<CascadeClassifier[]> pool = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /**
     * @param pads     canvas sides over the scaled frame's longer side, each in [1, 4]; one look per pad
     * @param minVotes the fewest neighbouring hits (OpenCV's {@code minNeighbors} + 1) that count as a face
     * @param profile  also look with the profile cascade, on the frame and mirrored
     * @param maxSide  frames with a longer side than this are not looked at (no face): the check is for crops
     */
    public FrameFaceCheck(float[] pads, int minVotes, boolean profile, int maxSide) {
        if (pads.length == 0) {
            throw new IllegalArgumentException("at least one pad");
        }
        for (float p : pads) {
            if (!(p >= 1 && p <= 4)) {
                throw new IllegalArgumentException("pads must be in [1, 4], was " + p);
            }
        }
        if (minVotes < 1) {
            throw new IllegalArgumentException("minVotes must be >= 1, was " + minVotes);
        }
        this.pads = pads.clone();
        this.minVotes = minVotes;
        this.profile = profile;
        this.maxSide = maxSide;
        try {
            this.frontalFile = Loader.cacheResource(BASE + FRONTAL).getAbsolutePath();
            this.profileFile = Loader.cacheResource(BASE + PROFILE).getAbsolutePath();
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot extract the OpenCV Haar cascades from the bytedeco opencv jar: " + e.getMessage(), e);
        }
        pool.add(newSet()); // fail at construction, not at the first frame
    }

    private CascadeClassifier[] newSet() {
        CascadeClassifier frontal = load(frontalFile);
        try {
            return profile ? new CascadeClassifier[] {frontal, load(profileFile)} : new CascadeClassifier[] {frontal};
        } catch (RuntimeException e) {
            frontal.close();
            throw e;
        }
    }

    private static CascadeClassifier load(String file) {
        CascadeClassifier c = new CascadeClassifier();
        if (!c.load(file)) {
            c.close();
            throw new ModelLoadException("OpenCV could not load cascade " + file);
        }
        return c;
    }

    @Override
    public String name() {
        return "frame-check";
    }

    @Override
    public List<DetectedFace> detect(ImageFrame frame) {
        if (closed) {
            throw new IllegalStateException("detector is closed");
        }
        if (Math.max(frame.width(), frame.height()) > maxSide) {
            return List.of();
        }
        CascadeClassifier[] set = pool.poll();
        if (set == null) {
            set = newSet();
        }
        try (Mat img = ImageFrames.toMat(frame); Mat gray = new Mat(); Mat small = new Mat()) {
            if (img.channels() == 3) {
                cvtColor(img, gray, COLOR_BGR2GRAY);
            } else {
                img.copyTo(gray);
            }
            double scale = SIDE / (double) Math.max(frame.width(), frame.height());
            int w = Math.max(1, (int) Math.round(frame.width() * scale));
            int h = Math.max(1, (int) Math.round(frame.height() * scale));
            try (Size size = new Size(w, h)) {
                resize(gray, small, size, 0, 0, scale < 1 ? INTER_AREA : INTER_LINEAR);
            }
            Hit best = null;
            for (float pad : pads) {
                int side = Math.round(Math.max(w, h) * pad);
                int ox = (side - w) / 2;
                int oy = (side - h) / 2;
                try (Mat canvas = new Mat(); Mat mirrored = new Mat()) {
                    copyMakeBorder(small, canvas, oy, side - h - oy, ox, side - w - ox, BORDER_REPLICATE);
                    equalizeHist(canvas, canvas);
                    best = better(best, look(set[0], canvas, ox, oy, w, h, false));
                    if (profile) {
                        best = better(best, look(set[1], canvas, ox, oy, w, h, false));
                        flip(canvas, mirrored, 1);
                        best = better(best, look(set[1], mirrored, ox, oy, w, h, true));
                    }
                }
            }
            List<DetectedFace> out = new ArrayList<>(1);
            if (best != null && best.votes() >= minVotes) {
                float x0 = (float) Math.max(0, best.x() / scale);
                float y0 = (float) Math.max(0, best.y() / scale);
                float x1 = (float) Math.min(frame.width(), (best.x() + best.w()) / scale);
                float y1 = (float) Math.min(frame.height(), (best.y() + best.h()) / scale);
                out.add(new DetectedFace(new BoundingBox(x0, y0, x1 - x0, y1 - y0), Math.min(1f, best.votes() / 9f)));
            }
            return out;
        } finally {
            if (closed) {
                for (CascadeClassifier c : set) {
                    c.close();
                }
            } else {
                pool.add(set);
            }
        }
    }

    /** A cascade box in the scaled frame's pixels (may reach outside it) and its votes. */
    private record Hit(double x, double y, double w, double h, int votes) {
    }

    private static Hit better(Hit a, Hit b) {
        return a == null || (b != null && b.votes() > a.votes()) ? b : a;
    }

    /** The box with the most votes among those that cover the frame region (IoU >= 0.25), or null. */
    private static Hit look(CascadeClassifier c, Mat canvas, int ox, int oy, int w, int h, boolean mirrored) {
        try (RectVector rects = new RectVector(); IntPointer votes = new IntPointer(); Size min = new Size(20, 20); Size max = new Size()) {
            c.detectMultiScale2(canvas, rects, votes, 1.1, 1, 0, min, max);
            Hit best = null;
            for (long i = 0; i < rects.size(); i++) {
                try (Rect r = rects.get(i)) {
                    int rx = mirrored ? canvas.cols() - r.x() - r.width() : r.x();
                    double ix = Math.max(0, Math.min(rx + r.width(), ox + w) - Math.max(rx, ox));
                    double iy = Math.max(0, Math.min(r.y() + r.height(), oy + h) - Math.max(r.y(), oy));
                    double inter = ix * iy;
                    double iou = inter / (r.width() * (double) r.height() + w * (double) h - inter);
                    int v = i < votes.limit() ? votes.get(i) : 1;
                    if (iou >= 0.25 && (best == null || v > best.votes())) {
                        best = new Hit(rx - ox, r.y() - oy, r.width(), r.height(), v);
                    }
                }
            }
            return best;
        }
    }

    @Override
    public void close() {
        closed = true;
        CascadeClassifier[] set;
        while ((set = pool.poll()) != null) {
            for (CascadeClassifier c : set) {
                c.close();
            }
        }
    }
}
