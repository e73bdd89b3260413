package io.emospectrum.image;

import io.emospectrum.image.frame.ImageDecoder;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.media.PixelFormat;
import org.junit.jupiter.api.Assumptions;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test media: committed fixtures and the shared data set (skipped when absent). */
public final class TestImages {
    private TestImages() {
    }

    /** skimage's astronaut.png (NASA, public domain; Debian python3-skimage): one face. */
    public static Path astronaut() {
        return resource("/images/astronaut.png");
    }

    /** skimage's coffee.png re-encoded as JPEG: a cup, no face. */
    public static Path coffee() {
        return resource("/images/coffee.jpg");
    }

    public static Path resource(String name) {
        try {
            return Path.of(TestImages.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code n} copies of {@code tile} side by side on one canvas. */
    public static ImageFrame tiled(ImageFrame tile, int n) {
        int ch = tile.format().channels();
        int w = tile.width() * n;
        byte[] out = new byte[w * tile.height() * ch];
        byte[] src = tile.copyPixels();
        int row = tile.width() * ch;
        for (int y = 0; y < tile.height(); y++) {
            for (int k = 0; k < n; k++) {
                System.arraycopy(src, y * row, out, y * w * ch + k * row, row);
            }
        }
        return ImageFrame.of(w, tile.height(), tile.format(), out);
    }

    /** A smooth color gradient: no face. */
    public static ImageFrame gradient(int w, int h) {
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                px[i] = (byte) (255 * x / w);
                px[i + 1] = (byte) (255 * y / h);
                px[i + 2] = (byte) 128;
            }
        }
        return ImageFrame.of(w, h, PixelFormat.BGR24, px);
    }

    /** The pixels of {@code box} (rounded to whole pixels) as a frame of their own. */
    public static ImageFrame crop(ImageFrame f, io.emospectrum.spectrum.BoundingBox box) {
        int ch = f.format().channels();
        int x0 = Math.max(0, Math.round(box.x()));
        int y0 = Math.max(0, Math.round(box.y()));
        int w = Math.min(f.width() - x0, Math.round(box.width()));
        int h = Math.min(f.height() - y0, Math.round(box.height()));
        byte[] src = f.copyPixels();
        byte[] out = new byte[w * h * ch];
        for (int y = 0; y < h; y++) {
            System.arraycopy(src, ((y0 + y) * f.width() + x0) * ch, out, y * w * ch, w * ch);
        }
        return ImageFrame.of(w, h, f.format(), out);
    }

    /** skimage's sample data from Debian's python3-skimage, or the test is skipped. */
    public static Path skimageData() {
        Path dir = Path.of("/usr/lib/python3/dist-packages/skimage/data"); // Debian's copy of scikit-image's sample data
        Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(dir.resolve("astronaut.png")),
                "skimage's sample data not found at " + dir + " (apt-get install python3-skimage): skipping");
        return dir;
    }

    public static ImageFrame decode(Path p) {
        return new ImageDecoder().decode(p);
    }

    /** {@code <root>/../shared/data/face/fer2013/<split>}, or the test is skipped. */
    public static Path fer2013(String split) {
        String root = System.getProperty("emospectrum.shared.data");
        Assumptions.assumeTrue(root != null, "emospectrum.shared.data is not set: skipping FER2013 test");
        Path dir = Path.of(root, "face", "fer2013", split);
        Assumptions.assumeTrue(Files.isDirectory(dir), "FER2013 data not found at " + dir + ": skipping");
        return dir;
    }
    /** Area-averaged downscale by an integer factor. */
    public static ImageFrame downscale(ImageFrame f, int k) {
        int w = f.width() / k;
        int h = f.height() / k;
        int ch = f.format().channels();
        byte[] src = f.copyPixels();
        byte[] out = new byte[w * h * ch];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < ch; c++) {
                    int s = 0;
                    for (int dy = 0; dy < k; dy++) {
                        for (int dx = 0; dx < k; dx++) {
                            s += src[((y * k + dy) * f.width() + x * k + dx) * ch + c] & 0xff;
                        }
                    }
                    out[(y * w + x) * ch + c] = (byte) (s / (k * k));
                }
            }
        }
        return ImageFrame.of(w, h, f.format(), out);
    }

    /** {@code tile} pasted on a {@code w x h} gradient at ({@code x}, {@code y}). */
    public static ImageFrame pasted(ImageFrame tile, int w, int h, int x, int y) {
        byte[] px = gradient(w, h).copyPixels();
        byte[] t = tile.copyPixels();
        for (int r = 0; r < tile.height(); r++) {
            System.arraycopy(t, r * tile.width() * 3, px, ((y + r) * w + x) * 3, tile.width() * 3);
        }
        return ImageFrame.of(w, h, PixelFormat.BGR24, px);
    }
}
