package io.emospectrum.image.detect;

import io.emospectrum.media.ImageFrame;
import io.emospectrum.spectrum.BoundingBox;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Small faces in large frames. A detector with a small fixed input (BlazeFace: 256x256) sees a
 * 1280x720 frame at a fifth of its size, where a 60 px face is 12 px and lost. This one also cuts
 * each large frame into a grid of {@code tiles} columns of overlapping tiles (rows to match the
 * aspect), detects on the frame and all its tiles in one batch, maps the tiles' boxes back and
 * keeps the best of overlapping boxes. Frames whose longer side is under {@code tiles} times
 * {@link #MIN_TILE_SIDE} are detected whole. Costs one detection per tile. Thread-safe as the
 * wrapped detector is; closes it.
 */
public final class TiledDetector implements FaceDetector {
    /** A tile is never smaller than this: tiles exist to enlarge faces, not to split small frames. */
    public static final int MIN_TILE_SIDE = 320;
    /** Neighbouring tiles overlap by this fraction of a tile, so that a face on a seam is whole in one of them. */
    private static final float OVERLAP = 0.25f;
    private static final float SAME_FACE_IOU = 0.3f;

    private final FaceDetector inner;
    private final int tiles;

    /** @param tiles columns of tiles, in [2, 8] */
    public TiledDetector(FaceDetector inner, int tiles) {
        if (tiles < 2 || tiles > 8) {
            throw new IllegalArgumentException("tiles must be in [2, 8], was " + tiles);
        }
        this.inner = Objects.requireNonNull(inner, "inner");
        this.tiles = tiles;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public List<DetectedFace> detect(ImageFrame frame) {
        return detectAll(List.of(frame)).get(0);
    }

    /** A tile's place in its frame. */
    private record Tile(int frame, int x, int y, ImageFrame image) {
    }

    @Override
    public List<List<DetectedFace>> detectAll(List<ImageFrame> frames) {
        List<ImageFrame> batch = new ArrayList<>(frames);
        List<Tile> cut = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            cut.addAll(tiles(i, frames.get(i)));
        }
        cut.forEach(t -> batch.add(t.image()));
        List<List<DetectedFace>> found = inner.detectAll(batch);
        List<List<DetectedFace>> all = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            all.add(new ArrayList<>(found.get(i)));
        }
        for (int k = 0; k < cut.size(); k++) {
            Tile t = cut.get(k);
            for (DetectedFace d : found.get(frames.size() + k)) {
                BoundingBox b = d.box();
                List<DetectedFace.Keypoint> kps = d.keypoints().stream()
                        .map(p -> new DetectedFace.Keypoint(p.x() + t.x(), p.y() + t.y())).toList();
                all.get(t.frame()).add(new DetectedFace(new BoundingBox(b.x() + t.x(), b.y() + t.y(), b.width(), b.height()), d.score(), kps));
            }
        }
        List<List<DetectedFace>> out = new ArrayList<>(frames.size());
        for (List<DetectedFace> faces : all) {
            out.add(suppress(faces));
        }
        return out;
    }

    /** The grid of overlapping tiles of a large frame; none for a small one. */
    private List<Tile> tiles(int index, ImageFrame f) {
        int w = f.width();
        int h = f.height();
        int longer = Math.max(w, h);
        if (longer < tiles * MIN_TILE_SIDE) {
            return List.of();
        }
        int side = Math.round(longer / (tiles - (tiles - 1) * OVERLAP));
        int cols = w >= h ? tiles : count(w, side);
        int rows = w >= h ? count(h, side) : tiles;
        List<Tile> out = new ArrayList<>(cols * rows);
        for (int r = 0; r < rows; r++) {
            int y = rows == 1 ? 0 : Math.round(r * (h - Math.min(side, h)) / (float) (rows - 1));
            for (int c = 0; c < cols; c++) {
                int x = cols == 1 ? 0 : Math.round(c * (w - Math.min(side, w)) / (float) (cols - 1));
                out.add(new Tile(index, x, y, region(f, x, y, Math.min(side, w), Math.min(side, h))));
            }
        }
        return out;
    }

    private static int count(int length, int side) {
        if (length <= side) {
            return 1;
        }
        return (int) Math.ceil((length - side) / (side * (1 - OVERLAP))) + 1;
    }

    private static ImageFrame region(ImageFrame f, int x, int y, int w, int h) {
        int ch = f.format().channels();
        ByteBuffer src = f.pixels();
        byte[] out = new byte[w * h * ch];
        for (int r = 0; r < h; r++) {
            src.position(((y + r) * f.width() + x) * ch);
            src.get(out, r * w * ch, w * ch);
        }
        return ImageFrame.of(w, h, f.format(), out, f.timestampSeconds());
    }

    /** Best first; a box that overlaps a better one is the same face. */
    private static List<DetectedFace> suppress(List<DetectedFace> faces) {
        List<DetectedFace> sorted = new ArrayList<>(faces);
        sorted.sort(Comparator.comparingDouble(DetectedFace::score).reversed());
        List<DetectedFace> keep = new ArrayList<>();
        for (DetectedFace d : sorted) {
            if (keep.stream().noneMatch(k -> k.box().iou(d.box()) > SAME_FACE_IOU || contains(k.box(), d.box()) || contains(d.box(), k.box()))) {
                keep.add(d);
            }
        }
        return keep;
    }

    /** Whether most of {@code inner} lies inside {@code outer} (a face cut by a tile's edge inside the whole one). */
    private static boolean contains(BoundingBox outer, BoundingBox inner) {
        float x0 = Math.max(outer.x(), inner.x());
        float y0 = Math.max(outer.y(), inner.y());
        float x1 = Math.min(outer.x() + outer.width(), inner.x() + inner.width());
        float y1 = Math.min(outer.y() + outer.height(), inner.y() + inner.height());
        float overlap = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
        return overlap > 0.6f * inner.width() * inner.height();
    }

    @Override
    public void close() {
        inner.close();
    }
}
