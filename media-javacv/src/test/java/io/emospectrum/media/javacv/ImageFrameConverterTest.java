package io.emospectrum.media.javacv;

import io.emospectrum.error.UnsupportedMediaException;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.media.PixelFormat;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageFrameConverterTest {

    private static byte[] ramp(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    /** A frame laid out by hand, as a decoder might hand it over. */
    private static Frame frame(int width, int height, int depth, int channels, int stride, Buffer pixels) {
        Frame f = new Frame();
        f.imageWidth = width;
        f.imageHeight = height;
        f.imageDepth = depth;
        f.imageChannels = channels;
        f.imageStride = stride;
        f.image = new Buffer[] {pixels};
        return f;
    }

    @Test
    void anImageFrameGoesThereAndBackUnchanged() {
        ImageFrame bgr = ImageFrame.of(13, 7, PixelFormat.BGR24, ramp(13 * 7 * 3), 1.25);
        ImageFrame gray = ImageFrame.of(5, 4, PixelFormat.GRAY8, ramp(20), 0.5);
        try (ImageFrameConverter c = new ImageFrameConverter(); ImageFrameConverter g = new ImageFrameConverter(PixelFormat.GRAY8)) {
            Frame f = c.convert(bgr);
            assertThat(f.timestamp).isEqualTo(1_250_000L);
            ImageFrame back = c.convert(f);
            assertThat(back.copyPixels()).isEqualTo(bgr.copyPixels());
            assertThat(back.timestampSeconds()).isEqualTo(1.25);
            assertThat(g.convert(g.convert(gray)).copyPixels()).isEqualTo(gray.copyPixels());
        }
    }

    @Test
    void rgbPicturesBecomeBgrFramesAsJavaCvExpects() {
        ImageFrame rgb = ImageFrame.of(1, 1, PixelFormat.RGB24, new byte[] {10, 20, 30}, 0);
        try (ImageFrameConverter c = new ImageFrameConverter()) {
            ByteBuffer px = (ByteBuffer) c.convert(rgb).image[0];
            assertThat(new byte[] {px.get(0), px.get(1), px.get(2)}).containsExactly(30, 20, 10);
        }
    }

    @Test
    void rowPaddingIsDroppedEvenWhereTheStrideMisleadsJavaCvAboutChannels() {
        // a 1-pixel-wide BGR frame with rows padded to 32 bytes: JavaCV would count 32 channels
        byte[] data = new byte[96];
        for (int y = 0; y < 3; y++) {
            data[y * 32] = (byte) (10 * y + 1);
            data[y * 32 + 1] = (byte) (10 * y + 2);
            data[y * 32 + 2] = (byte) (10 * y + 3);
            data[y * 32 + 3] = 99; // padding
        }
        Frame f = frame(1, 3, Frame.DEPTH_UBYTE, 32, 32, ByteBuffer.wrap(data));
        f.timestamp = 2_000_000;
        try (ImageFrameConverter c = new ImageFrameConverter()) {
            ImageFrame out = c.convert(f);
            assertThat(out.copyPixels()).containsExactly(1, 2, 3, 11, 12, 13, 21, 22, 23);
            assertThat(out.timestampSeconds()).isEqualTo(2.0);
            assertThat(c.convert(f, 0.75).timestampSeconds()).as("a time of the caller's").isEqualTo(0.75);
        }
    }

    @Test
    void aKeptImageFrameIsACopyNotAViewOfTheDecodersBuffer() {
        Frame f = new Frame(4, 2, Frame.DEPTH_UBYTE, 3);
        ByteBuffer decoderBuffer = (ByteBuffer) f.image[0];
        decoderBuffer.put(0, (byte) 5);
        try (ImageFrameConverter c = new ImageFrameConverter()) {
            ImageFrame kept = c.convert(f);
            decoderBuffer.put(0, (byte) 77);
            assertThat(kept.pixels().get(0)).isEqualTo((byte) 5);
        } finally {
            f.close();
        }
    }

    @Test
    void theConverterReusesItsFrameLikeJavaCvsConverters() {
        try (ImageFrameConverter c = new ImageFrameConverter()) {
            Frame a = c.convert(ImageFrame.of(4, 4, PixelFormat.BGR24, new byte[48], 0));
            Frame b = c.convert(ImageFrame.of(4, 4, PixelFormat.BGR24, ramp(48), 0.1));
            Frame other = c.convert(ImageFrame.of(8, 4, PixelFormat.BGR24, new byte[96], 0.2));
            assertThat(b).isSameAs(a);
            assertThat(other).isNotSameAs(a);
            assertThat(c.convert((ImageFrame) null)).isNull();
            assertThat(c.convert((Frame) null)).isNull();
        }
    }

    @Test
    void aLayoutItCannotReadIsUnsupported() {
        Frame f = frame(2, 2, Frame.DEPTH_SHORT, 3, 6, ShortBuffer.allocate(12));
        try (ImageFrameConverter c = new ImageFrameConverter()) {
            assertThatThrownBy(() -> c.convert(f)).isInstanceOf(UnsupportedMediaException.class).hasMessageContaining("depth");
        }
    }
}
