package io.emospectrum.image.frame;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.error.UnsupportedMediaException;
import io.emospectrum.image.TestImages;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.media.PixelFormat;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder();

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpg", "bmp", "webp"})
    void decodesEveryFormatOpenCvWritesWithItsHeaderSize(String ext, @TempDir Path dir) throws IOException {
        ImageFrame astro = decoder.decode(TestImages.astronaut());
        Path file = dir.resolve("astro." + ext);
        try (Mat m = ImageFrames.toMat(astro)) {
            assertThat(imwrite(file.toString(), m)).isTrue();
        }
        byte[] bytes = Files.readAllBytes(file);
        ImageHeader h = ImageHeader.read(bytes, file.toString());
        assertThat(h.width()).isEqualTo(512);
        assertThat(h.height()).isEqualTo(512);
        ImageFrame back = decoder.decode(file);
        assertThat(back.format()).isEqualTo(PixelFormat.BGR24);
        assertThat(back.width()).isEqualTo(512);
        // Lossless formats round-trip exactly; lossy ones stay close.
        byte[] a = astro.copyPixels();
        byte[] b = back.copyPixels();
        double err = 0;
        for (int i = 0; i < a.length; i++) {
            err += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        assertThat(err / a.length).isLessThan(ext.equals("png") || ext.equals("bmp") ? 1e-9 : 6);
    }

    @Test
    void rgbFramesBecomeBgrMatsAndBack() {
        ImageFrame rgb = ImageFrame.of(2, 1, PixelFormat.RGB24, new byte[] {10, 20, 30, 40, 50, 60});
        try (Mat m = ImageFrames.toMat(rgb)) {
            ImageFrame bgr = ImageFrames.fromMat(m, 0);
            assertThat(bgr.format()).isEqualTo(PixelFormat.BGR24);
            assertThat(bgr.copyPixels()).containsExactly(30, 20, 10, 60, 50, 40);
        }
    }

    @Test
    void headersOfOtherFormatsAreReadWithoutDecoding() {
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a', (byte) 0x20, 0x4e, 0x10, 0x27};
        assertThat(ImageHeader.read(gif, "x.gif")).isEqualTo(new ImageHeader("gif", 20000, 10000));
        assertThatThrownBy(() -> ImageHeader.read(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "x.png"))
                .isInstanceOf(UnsupportedMediaException.class);
        assertThatThrownBy(() -> ImageHeader.read(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0}, "x.png"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("truncated PNG");
        assertThatThrownBy(() -> ImageHeader.read(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9}, "x.jpg"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("JPEG");
    }
}
