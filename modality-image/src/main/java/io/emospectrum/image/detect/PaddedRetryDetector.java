package io.emospectrum.image.detect;

import io.emospectrum.media.ImageFrame;
import io.emospectrum.spectrum.BoundingBox;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A second look for faces that fill the frame. Detectors trained on scenes (BlazeFace) miss a face
 * that is the whole image, as in a tight crop: for every frame where the first detector finds
 * nothing, the second detector (one made for close-up faces, when it is another) looks at the
 * frame as it is, and where it finds nothing either, at the frame placed in the middle of a canvas
 * {@code pad} times its longer side (the border repeats the frame's edge pixels, so no new edge is
 * drawn), one canvas size after the other while it still finds nothing; its boxes are mapped back and clipped to the
 * frame. Each look is one batch. Frames with faces cost nothing extra; frames without pay a few more,
 * usually smaller, detections. Closes both detectors. Thread-safe as they are.
 */
public final class PaddedRetryDetector implements FaceDetector {
    private final FaceDetector inner;
    private final FaceDetector second;
    private final float[] pads;
    private final boolean mirror;
    private final int cropSide;

    /** The same detector for both looks. */
    public PaddedRetryDetector(FaceDetector inner, float pad) {
        this(inner, inner, pad);
    }

    /** Looks at the frames only as they are, not mirrored. */
    public PaddedRetryDetector(FaceDetector first, FaceDetector second, float... pads) {
        this(first, second, false, Integer.MAX_VALUE, pads);
    }

    /**
     * @param first  the detector for the frame as it is
     * @param second the detector for the padded frame (may be {@code first})
     * @param mirror each look of the second detector also sees the frame's mirror image, in the same batch; a frame
     *               takes the mirror image's faces (mapped back) only where the frame as it is shows none: a
     *               detector is not exactly symmetric, and a face scored just under its threshold one way may
     *               clear it the other way
     * @param cropSide the extra looks (mirror images, and every pad after the first) are only for frames whose longer
     *               side is at most this: crops, not photos of scenes or video frames, where each extra look is one
     *               more chance of a false face and costs time on every frame without a face
     * @param pads   canvas sides over the frame's longer side, each in (1, 4], in the order they are tried
     */
    public PaddedRetryDetector(FaceDetector first, FaceDetector second, boolean mirror, int cropSide, float... pads) {
        if (pads.length == 0) {
            throw new IllegalArgumentException("at least one pad");
        }
        for (float pad : pads) {
            if (!(pad > 1 && pad <= 4)) {
                throw new IllegalArgumentException("pad must be in (1, 4], was " + pad);
            }
        }
        this.inner = Objects.requireNonNull(first, "first");
        this.second = Objects.requireNonNull(second, "second");
        this.pads = pads.clone();
        this.mirror = mirror;
        this.cropSide = cropSide;
    }

    @Override
    public String name() {
        return inner.name();
    }

    /** The detector of the first look. */
    public FaceDetector inner() {
        return inner;
    }

    @Override
    public List<DetectedFace> detect(ImageFrame frame) {
        return detectAll(List.of(frame)).get(0);
    }

    @Override
    public List<List<DetectedFace>> detectAll(List<ImageFrame> frames) {
        List<List<DetectedFace>> out = new ArrayList<>(inner.detectAll(frames));
        List<Integer> empty = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            if (out.get(i).isEmpty()) {
                empty.add(i);
            }
        }
        if (!empty.isEmpty()) {
            if (second != inner) {
                retry(out, empty, frames, second::detectAll, true);
            }
            for (int p = 0; p < pads.length; p++) {
                float pad = pads[p];
                retry(out, empty, frames, missed -> detectPadded(missed, pad), p == 0);
            }
        }
        return out;
    }

    /**
     * One look at the frames still without a face (all of them for a {@code basic} look, crops only otherwise; with
     * {@code mirror}, crops' mirror images too, in the same batch); those it finds faces in leave {@code empty}.
     */
    private void retry(List<List<DetectedFace>> out, List<Integer> empty, List<ImageFrame> frames,
                       java.util.function.Function<List<ImageFrame>, List<List<DetectedFace>>> look, boolean basic) {
        List<Integer> todo = empty.stream().filter(i -> basic || isCrop(frames.get(i))).toList();
        if (todo.isEmpty()) {
            return;
        }
        List<ImageFrame> batch = new ArrayList<>(todo.stream().map(frames::get).toList());
        int n = batch.size();
        int[] mirrorAt = new int[n];
        for (int k = 0; k < n; k++) {
            mirrorAt[k] = -1;
            if (mirror && isCrop(batch.get(k))) {
                mirrorAt[k] = batch.size();
                batch.add(mirrored(batch.get(k)));
            }
        }
        List<List<DetectedFace>> seen = look.apply(batch);
        java.util.Set<Integer> found = new java.util.HashSet<>();
        for (int k = 0; k < n; k++) {
            List<DetectedFace> faces = seen.get(k);
            if (faces.isEmpty() && mirrorAt[k] >= 0) {
                faces = unmirrored(seen.get(mirrorAt[k]), batch.get(k).width());
            }
            if (!faces.isEmpty()) {
                out.set(todo.get(k), faces);
                found.add(todo.get(k));
            }
        }
        empty.removeIf(found::contains);
    }

    private boolean isCrop(ImageFrame f) {
        return Math.max(f.width(), f.height()) <= cropSide;
    }

    /** The second detector alone on the frames as they are. */
    public List<List<DetectedFace>> detectSecond(List<ImageFrame> frames) {
        return second.detectAll(frames);
    }

    /** The first padded look alone: each frame padded, detected by the second detector, boxes in the frame's pixels. */
    public List<List<DetectedFace>> detectPadded(List<ImageFrame> frames) {
        return detectPadded(frames, pads[0]);
    }

    /** A padded look alone, on a canvas {@code pad} times each frame's longer side. */
    public List<List<DetectedFace>> detectPadded(List<ImageFrame> frames, float pad) {
        List<ImageFrame> padded = frames.stream().map(f -> padded(f, pad)).toList();
        List<List<DetectedFace>> again = second.detectAll(padded);
        List<List<DetectedFace>> out = new ArrayList<>(frames.size());
        for (int k = 0; k < frames.size(); k++) {
            ImageFrame f = frames.get(k);
            ImageFrame p = padded.get(k);
            float dx = (p.width() - f.width()) / 2;
            float dy = (p.height() - f.height()) / 2;
            List<DetectedFace> back = new ArrayList<>();
            for (DetectedFace d : again.get(k)) {
                BoundingBox b = d.box();
                float x0 = Math.max(0, b.x() - dx);
                float y0 = Math.max(0, b.y() - dy);
                float x1 = Math.min(f.width(), b.x() + b.width() - dx);
                float y1 = Math.min(f.height(), b.y() + b.height() - dy);
                // a face found on the border alone is a face of repeated edge pixels, not of the frame
                if (x1 - x0 < b.width() / 2 || y1 - y0 < b.height() / 2) {
                    continue;
                }
                List<DetectedFace.Keypoint> kps = d.keypoints().stream()
                        .map(kp -> new DetectedFace.Keypoint(kp.x() - dx, kp.y() - dy)).toList();
                back.add(new DetectedFace(new BoundingBox(x0, y0, x1 - x0, y1 - y0), d.score(), kps));
            }
            out.add(back);
        }
        return out;
    }

    /** The frame flipped left to right. */
    static ImageFrame mirrored(ImageFrame f) {
        int w = f.width();
        int h = f.height();
        int ch = f.format().channels();
        ByteBuffer src = f.pixels();
        byte[] out = new byte[w * h * ch];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int s = (y * w + (w - 1 - x)) * ch;
                int d = (y * w + x) * ch;
                for (int c = 0; c < ch; c++) {
                    out[d + c] = src.get(s + c);
                }
            }
        }
        return ImageFrame.of(w, h, f.format(), out, f.timestampSeconds());
    }

    /**
     * Faces found in a mirrored frame, in the frame's own pixels: boxes and keypoints flipped back, and the keypoints
     * of the subject's right and left (eyes, ears: BlazeFace's 0/1 and 4/5) swapped back.
     */
    static List<DetectedFace> unmirrored(List<DetectedFace> faces, int width) {
        List<DetectedFace> out = new ArrayList<>(faces.size());
        for (DetectedFace d : faces) {
            BoundingBox b = d.box();
            List<DetectedFace.Keypoint> kps = new ArrayList<>(d.keypoints().size());
            for (DetectedFace.Keypoint kp : d.keypoints()) {
                kps.add(new DetectedFace.Keypoint(width - kp.x(), kp.y()));
            }
            if (kps.size() == BlazeFaceDecoder.KEYPOINTS) {
                java.util.Collections.swap(kps, 0, 1);
                java.util.Collections.swap(kps, 4, 5);
            }
            out.add(new DetectedFace(new BoundingBox(width - b.x() - b.width(), b.y(), b.width(), b.height()), d.score(), kps));
        }
        return out;
    }

    /** The frame centred on a square canvas {@code pad} times its longer side, edges repeated outwards. */
    static ImageFrame padded(ImageFrame f, float pad) {
        int w = f.width();
        int h = f.height();
        int side = Math.round(Math.max(w, h) * pad);
        int ox = (side - w) / 2;
        int oy = (side - h) / 2;
        int ch = f.format().channels();
        ByteBuffer src = f.pixels();
        byte[] out = new byte[side * side * ch];
        for (int y = 0; y < side; y++) {
            int sy = Math.max(0, Math.min(h - 1, y - oy));
            for (int x = 0; x < side; x++) {
                int sx = Math.max(0, Math.min(w - 1, x - ox));
                int s = (sy * w + sx) * ch;
                int d = (y * side + x) * ch;
                for (int c = 0; c < ch; c++) {
                    out[d + c] = src.get(s + c);
                }
            }
        }
        return ImageFrame.of(side, side, f.format(), out, f.timestampSeconds());
    }

    @Override
    public void close() {
        try {
            inner.close();
        } finally {
            if (second != inner) {
                second.close();
            }
        }
    }
}
