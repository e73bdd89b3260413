package io.emospectrum.image.expression;

import io.emospectrum.media.ImageFrame;
import io.emospectrum.media.PixelFormat;
import io.emospectrum.spectrum.BoundingBox;

import java.nio.ByteBuffer;

/**
 * Turns a face region of a frame into the expression network's input: gray (weights 0.2989,
 * 0.5870, 0.1140, as Human feeds mini-Xception), values in [0, 1], bilinear resize to
 * {@code side x side} with TensorFlow's {@code resizeBilinear} sampling (no half-pixel offset),
 * then {@code (x - 0.5) * 2}. An optional roll angle levels the face (rotation about the box
 * centre, from the eyes' keypoints). Pixels outside the frame read as the nearest edge pixel.
 *
 * <p>Works straight from the frame's bytes into the caller's float array: no intermediate image.
 */
public final class FaceCropper {
    private final int side;

    public FaceCropper(int side) {
        this.side = side;
    }

    public int side() {
        return side;
    }

    /** Floats per crop: {@code side * side}. */
    public int cropSize() {
        return side * side;
    }

    /** The whole frame as the crop. */
    public void crop(ImageFrame frame, float[] out, int offset) {
        crop(frame, new BoundingBox(0, 0, frame.width(), frame.height()), 0, out, offset);
    }

    /**
     * Writes {@code side * side} floats at {@code out[offset]}.
     *
     * @param roll radians to rotate the sampling grid by (0: axis-aligned crop)
     */
    public void crop(ImageFrame frame, BoundingBox box, double roll, float[] out, int offset) {
        ByteBuffer px = frame.pixels();
        int w = frame.width();
        int h = frame.height();
        int ch = frame.format().channels();
        float wr;
        float wg;
        float wb;
        if (frame.format() == PixelFormat.BGR24) {
            wr = 0.1140f; // byte 0 is blue
            wg = 0.5870f;
            wb = 0.2989f;
        } else {
            wr = 0.2989f;
            wg = 0.5870f;
            wb = 0.1140f;
        }
        float sx = box.width() / side;
        float sy = box.height() / side;
        double cos = Math.cos(roll);
        double sin = Math.sin(roll);
        float cx = box.x() + box.width() / 2f;
        float cy = box.y() + box.height() / 2f;
        for (int oy = 0; oy < side; oy++) {
            for (int ox = 0; ox < side; ox++) {
                // TF resizeBilinear (halfPixelCenters=false): source = destination * scale.
                float u = box.x() + ox * sx;
                float v = box.y() + oy * sy;
                if (roll != 0) {
                    float du = u - cx;
                    float dv = v - cy;
                    u = (float) (cx + du * cos - dv * sin);
                    v = (float) (cy + du * sin + dv * cos);
                }
                float g = sample(px, w, h, ch, u, v, wr, wg, wb);
                out[offset + oy * side + ox] = (g / 255f - 0.5f) * 2f;
            }
        }
    }

    private static float sample(ByteBuffer px, int w, int h, int ch, float u, float v, float w0, float w1, float w2) {
        u = Math.max(0, Math.min(w - 1, u));
        v = Math.max(0, Math.min(h - 1, v));
        int x0 = (int) u;
        int y0 = (int) v;
        int x1 = Math.min(x0 + 1, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        float fx = u - x0;
        float fy = v - y0;
        float a = gray(px, (y0 * w + x0) * ch, ch, w0, w1, w2);
        float b = gray(px, (y0 * w + x1) * ch, ch, w0, w1, w2);
        float c = gray(px, (y1 * w + x0) * ch, ch, w0, w1, w2);
        float d = gray(px, (y1 * w + x1) * ch, ch, w0, w1, w2);
        float top = a + (b - a) * fx;
        float bottom = c + (d - c) * fx;
        return top + (bottom - top) * fy;
    }

    private static float gray(ByteBuffer px, int i, int ch, float w0, float w1, float w2) {
        if (ch == 1) {
            return px.get(i) & 0xff;
        }
        return (px.get(i) & 0xff) * w0 + (px.get(i + 1) & 0xff) * w1 + (px.get(i + 2) & 0xff) * w2;
    }
}
