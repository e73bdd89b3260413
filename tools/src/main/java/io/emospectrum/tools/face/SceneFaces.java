package io.emospectrum.tools.face;

import io.emospectrum.media.ImageFrame;
import io.emospectrum.media.PixelFormat;
import io.emospectrum.spectrum.BoundingBox;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small faces in wide frames, made from a photo with one face: the face (with its head, {@code 1.8x}
 * its box) is scaled so that the box's side is a given number of pixels and pasted at a random place
 * on a background photo scaled to the frame's size. Deterministic for a seed.
 */
public final class SceneFaces {
    /** One frame and where its face is. */
    public record Scene(ImageFrame frame, BoundingBox face) {
    }

    private SceneFaces() {
    }

    /**
     * @param source     a BGR photo with one face at {@code faceBox}
     * @param backgrounds photos without faces, used in turn
     */
    public static List<Scene> make(ImageFrame source, BoundingBox faceBox, List<ImageFrame> backgrounds, int width, int height,
                                   int faceSide, int count, long seed) {
        Random r = new Random(seed);
        float head = 1.8f;
        float cx = faceBox.x() + faceBox.width() / 2;
        float cy = faceBox.y() + faceBox.height() / 2;
        float side = Math.max(faceBox.width(), faceBox.height()) * head;
        float scale = faceSide / Math.max(faceBox.width(), faceBox.height());
        int patch = Math.max(4, Math.round(side * scale));
        ImageFrame face = resize(source, cx - side / 2, cy - side / 2, side, side, patch, patch);
        List<Scene> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ImageFrame bg = backgrounds.get(i % backgrounds.size());
            ImageFrame frame = resize(bg, 0, 0, bg.width(), bg.height(), width, height);
            byte[] px = frame.copyPixels();
            int x0 = r.nextInt(Math.max(1, width - patch));
            int y0 = r.nextInt(Math.max(1, height - patch));
            byte[] f = face.copyPixels();
            for (int y = 0; y < patch; y++) {
                System.arraycopy(f, y * patch * 3, px, ((y0 + y) * width + x0) * 3, patch * 3);
            }
            float off = (patch - faceSide) / 2f;
            out.add(new Scene(ImageFrame.of(width, height, PixelFormat.BGR24, px),
                    new BoundingBox(x0 + off, y0 + off, faceBox.width() * scale, faceBox.height() * scale)));
        }
        return out;
    }

    /** The region (x, y, w, h) of {@code f} resized bilinearly to {@code ow x oh}, as BGR. */
    static ImageFrame resize(ImageFrame f, float x, float y, float w, float h, int ow, int oh) {
        ByteBuffer src = f.pixels();
        int ch = f.format().channels();
        boolean rgb = f.format() == PixelFormat.RGB24;
        byte[] out = new byte[ow * oh * 3];
        for (int oy = 0; oy < oh; oy++) {
            float v = Math.max(0, Math.min(f.height() - 1, y + (oy + 0.5f) * h / oh - 0.5f));
            int y0 = (int) v;
            int y1 = Math.min(y0 + 1, f.height() - 1);
            float fy = v - y0;
            for (int ox = 0; ox < ow; ox++) {
                float u = Math.max(0, Math.min(f.width() - 1, x + (ox + 0.5f) * w / ow - 0.5f));
                int x0 = (int) u;
                int x1 = Math.min(x0 + 1, f.width() - 1);
                float fx = u - x0;
                for (int c = 0; c < 3; c++) {
                    int sc = ch == 1 ? 0 : (rgb ? 2 - c : c);
                    float a = src.get((y0 * f.width() + x0) * ch + sc) & 0xff;
                    float b = src.get((y0 * f.width() + x1) * ch + sc) & 0xff;
                    float cc = src.get((y1 * f.width() + x0) * ch + sc) & 0xff;
                    float d = src.get((y1 * f.width() + x1) * ch + sc) & 0xff;
                    float top = a + (b - a) * fx;
                    float bot = cc + (d - cc) * fx;
                    out[(oy * ow + ox) * 3 + c] = (byte) Math.round(top + (bot - top) * fy);
                }
            }
        }
        return ImageFrame.of(ow, oh, PixelFormat.BGR24, out);
    }
}
