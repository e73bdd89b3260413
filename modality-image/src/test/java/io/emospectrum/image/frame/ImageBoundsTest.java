package io.emospectrum.image.frame;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.image.TestImages;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.testing.Reproducers;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

/** Images that would take unbounded memory are refused from their header; valid oddities are read. */
class ImageBoundsTest {
    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void aPngThatClaimsMorePixelsThanTheBudgetIsRefusedBeforeDecoding() {
        byte[] bomb = pngHeaderOnly(16_384, 16_384);
        assertThatThrownBy(() -> decoder.decode(bomb, "bomb.png"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("too large").hasMessageContaining("16384x16384").hasMessageContaining("max-pixels");
    }

    @Test
    void theBudgetIsConfigurable(@TempDir Path dir) throws IOException {
        Path png = write(dir, "astro.png", decoder.decode(TestImages.astronaut()));
        assertThat(new ImageDecoder(512 * 512).decode(png).width()).isEqualTo(512);
        assertThatThrownBy(() -> new ImageDecoder(512 * 512 - 1).decode(png))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("too large");
    }

    @Test
    void aChunkLongerThanTheFileIsRefused(@TempDir Path dir) throws IOException {
        byte[] png = Files.readAllBytes(write(dir, "astro.png", decoder.decode(TestImages.astronaut())));
        int idat = indexOf(png, "IDAT".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) - 4;
        ByteBuffer.wrap(png, idat, 4).putInt(0xFF000000); // what the fuzzer found
        assertThatThrownBy(() -> decoder.decode(png, "idat.png"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'IDAT'").hasMessageContaining("4278190080");
    }

    @Test
    void devicesAndPipesAreRefusedWithoutReadingThem(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> decoder.decode(dir)).isInstanceOf(InvalidInputException.class).hasMessageContaining("not a regular file");
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            assertThatThrownBy(() -> decoder.decode(zero)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("not a regular file");
        }
        Path fifo = dir.resolve("fifo.png");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
        // opening a FIFO with no writer would block for ever: it must not even be opened
        assertThatThrownBy(() -> decoder.decode(fifo)).isInstanceOf(InvalidInputException.class).hasMessageContaining("not a regular file");
    }

    @Test
    void aJpegWithDataAfterItsEndMarkerIsRead(@TempDir Path dir) throws IOException {
        ImageFrame astro = decoder.decode(TestImages.astronaut());
        byte[] jpeg = Files.readAllBytes(write(dir, "astro.jpg", astro));
        byte[] video = new byte[100_000]; // what a motion photo appends: an MP4, here noise
        new Random(3).nextBytes(video);
        for (int i = 0; i + 1 < video.length; i++) {
            if (video[i] == (byte) 0xff && video[i + 1] == (byte) 0xd9) {
                video[i + 1] = 0; // no stray end marker in the appended data
            }
        }
        byte[] motion = Arrays.copyOf(jpeg, jpeg.length + video.length);
        System.arraycopy(video, 0, motion, jpeg.length, video.length);
        assertThat(ImageHeader.jpegLength(motion)).isEqualTo(jpeg.length);
        ImageFrame read = decoder.decode(motion, "motion.jpg");
        assertThat(read.copyPixels()).isEqualTo(decoder.decode(jpeg, "plain.jpg").copyPixels());
    }

    @Test
    void aJpegCutShortIsStillRefused(@TempDir Path dir) throws IOException {
        byte[] jpeg = Files.readAllBytes(write(dir, "astro.jpg", decoder.decode(TestImages.astronaut())));
        for (int cut : new int[] {jpeg.length / 2, jpeg.length - 2}) {
            byte[] part = Arrays.copyOf(jpeg, cut);
            assertThat(ImageHeader.jpegLength(part)).isEqualTo(-1);
            assertThatThrownBy(() -> decoder.decode(part, "cut.jpg")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("truncated JPEG");
        }
    }

    @Test
    void theReproducersBehaveAsTheirRowsSay() {
        for (String bomb : new String[] {"bomb_16384.png", "bomb_16384.jpg"}) {
            Path p = Reproducers.file(bomb);
            assertThatThrownBy(() -> decoder.decode(p)).isInstanceOf(InvalidInputException.class).hasMessageContaining("too large");
        }
        assertThatThrownBy(() -> decoder.decode(Reproducers.file("png_idatlen_ff000000.png")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("declares");
        ImageFrame motion = decoder.decode(Reproducers.file("jpg_motionphoto.jpg"));
        assertThat(motion.width()).isPositive();
    }

    private static Path write(Path dir, String name, ImageFrame frame) {
        Path file = dir.resolve(name);
        try (Mat m = ImageFrames.toMat(frame)) {
            assertThat(imwrite(file.toString(), m)).isTrue();
        }
        return file;
    }

    /** A PNG signature, an IHDR of the given size and an empty IEND: all a header check needs. */
    private static byte[] pngHeaderOnly(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= b.length; i++) {
            for (int k = 0; k < what.length; k++) {
                if (b[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
