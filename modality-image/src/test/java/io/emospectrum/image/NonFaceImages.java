package io.emospectrum.image;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.image.frame.ImageDecoder;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.media.PixelFormat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Images with no face in them, from the sample data of Debian's {@code python3-skimage}
 * ({@code apt-get install python3-skimage}; {@code /usr/lib/python3/dist-packages/skimage/data}):
 * the 100 non-face 25x25 patches of {@code lfw_subset.npy} (its second half; the first 100 are
 * faces) and the photos below, none of which shows a human face. A detector should find nothing in
 * any of them. Read from the package at run time, never copied into this repository. (The same
 * set as the tools module's {@code NonFaceSet}, which the detection evaluation reads.)
 */
public final class NonFaceImages {
    /** Debian's copy of scikit-image's sample data. */
    public static final Path DEBIAN_SKIMAGE_DATA = Path.of("/usr/lib/python3/dist-packages/skimage/data");

    /**
     * The sample photos without a face: a cat (chelsea), a coffee cup, coins, a horse silhouette,
     * motorcycles, a rocket, a moon, bricks, grass, gravel, cells, a retina, a page of text, logos,
     * a galaxy field, a clock (astronaut and camera show people and are left out).
     */
    public static final List<String> PHOTOS = List.of("chelsea.png", "coffee.png", "coins.png", "horse.png", "motorcycle_left.png",
            "motorcycle_right.png", "rocket.jpg", "moon.png", "brick.png", "grass.png", "gravel.png", "cell.png", "retina.jpg",
            "page.png", "text.png", "logo.png", "hubble_deep_field.jpg", "clock_motion.png", "ihc.png", "microaneurysms.png",
            "color.png", "checker_bilevel.png", "chessboard_RGB.png", "phantom.png", "block.png");

    /** One image and where it comes from. */
    public record Item(String name, ImageFrame frame) {
    }

    private NonFaceImages() {
    }

    /** Whether {@code dir} holds skimage's sample data. */
    public static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve("lfw_subset.npy"));
    }

    /** Every non-face image in {@code dir}: the 100 patches, then the photos present there. */
    public static List<Item> load(Path dir) {
        if (!present(dir)) {
            throw new ConfigurationException("skimage's sample data not found at " + dir + " (apt-get install python3-skimage)");
        }
        List<Item> out = new ArrayList<>();
        List<ImageFrame> lfw = lfwSubset(dir.resolve("lfw_subset.npy"));
        for (int i = 100; i < lfw.size(); i++) {
            out.add(new Item("lfw_subset[" + i + "]", lfw.get(i)));
        }
        ImageDecoder decoder = new ImageDecoder();
        for (String p : PHOTOS) {
            Path f = dir.resolve(p);
            if (Files.isRegularFile(f)) {
                out.add(new Item(p, decoder.decode(f)));
            }
        }
        return out;
    }

    /** The 200 25x25 gray images of {@code lfw_subset.npy} (float64 in [0, 1], C order), faces first. */
    public static List<ImageFrame> lfwSubset(Path npy) {
        try (InputStream raw = Files.newInputStream(npy); DataInputStream in = new DataInputStream(raw)) {
            byte[] magic = in.readNBytes(8);
            if (magic.length < 8 || magic[0] != (byte) 0x93 || magic[1] != 'N') {
                throw new ConfigurationException(npy + " is not a NumPy .npy file");
            }
            int headerLength = magic[6] == 1 ? Short.toUnsignedInt(Short.reverseBytes(in.readShort())) : Integer.reverseBytes(in.readInt());
            String header = new String(in.readNBytes(headerLength), java.nio.charset.StandardCharsets.US_ASCII);
            Matcher shape = Pattern.compile("'shape': \\((\\d+), (\\d+), (\\d+)\\)").matcher(header);
            if (!header.contains("'<f8'") || header.contains("'fortran_order': True") || !shape.find()) {
                throw new ConfigurationException(npy + ": expected little-endian float64 in C order of shape (n, h, w), found " + header.trim());
            }
            int n = Integer.parseInt(shape.group(1));
            int h = Integer.parseInt(shape.group(2));
            int w = Integer.parseInt(shape.group(3));
            ByteBuffer data = ByteBuffer.wrap(in.readNBytes(n * h * w * 8)).order(ByteOrder.LITTLE_ENDIAN);
            List<ImageFrame> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] px = new byte[h * w];
                for (int k = 0; k < px.length; k++) {
                    px[k] = (byte) Math.round(Math.max(0, Math.min(1, data.getDouble())) * 255);
                }
                out.add(ImageFrame.of(w, h, PixelFormat.GRAY8, px));
            }
            return out;
        } catch (IOException e) {
            throw new ConfigurationException("cannot read " + npy + ": " + e.getMessage());
        }
    }
}
