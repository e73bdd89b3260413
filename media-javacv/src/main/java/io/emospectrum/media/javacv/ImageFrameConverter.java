package io.emospectrum.media.javacv;

import io.emospectrum.error.UnsupportedMediaException;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.media.PixelFormat;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameConverter;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Two-way conversion between JavaCV's {@link Frame} and the SDK's {@link ImageFrame}, in the manner
 * of JavaCV's own converters. {@link #convert(Frame)} always copies (an {@code ImageFrame} is
 * immutable and a grabber reuses its buffers) and drops the decoder's row padding;
 * {@link #convert(ImageFrame)} fills a frame the converter owns and reuses, as JavaCV's converters
 * do: it is valid until the next call or {@link #close()}. Not thread-safe.
 */
public final class ImageFrameConverter extends FrameConverter<ImageFrame> {
    private final PixelFormat decoded;

    /** For frames decoded as packed 8-bit BGR ({@link MediaGrabberFactory.Builder#bgrImages()}). */
    public ImageFrameConverter() {
        this(PixelFormat.BGR24);
    }

    /**
     * For frames decoded in {@code decoded}. The layout is not guessed from the frame: JavaCV
     * derives a frame's channel count from its padded row stride, which is wrong for narrow frames.
     */
    public ImageFrameConverter(PixelFormat decoded) {
        this.decoded = Objects.requireNonNull(decoded, "decoded");
    }

    /** A copy of the picture, stamped with the frame's own time; null for null or a frame without a picture. */
    @Override
    public ImageFrame convert(Frame f) {
        return f == null || f.image == null ? null : convert(f, Math.max(0, f.timestamp / 1e6));
    }

    /** A copy of the picture, stamped with {@code seconds}. */
    public ImageFrame convert(Frame f, double seconds) {
        int rowBytes = f.imageWidth * decoded.channels();
        if (f.image == null || f.imageDepth != Frame.DEPTH_UBYTE || f.imageStride < rowBytes
                || !(f.image[0] instanceof ByteBuffer src)) {
            throw new UnsupportedMediaException("unexpected decoded frame layout: depth " + f.imageDepth + ", stride "
                    + f.imageStride + " for " + f.imageWidth + " " + decoded + " pixels");
        }
        byte[] dst = new byte[rowBytes * f.imageHeight];
        ByteBuffer in = src.duplicate();
        if (f.imageStride == rowBytes) {
            in.position(0);
            in.get(dst, 0, dst.length);
        } else {
            // rows are padded to the decoder's alignment
            for (int y = 0; y < f.imageHeight; y++) {
                in.position(y * f.imageStride);
                in.get(dst, y * rowBytes, rowBytes);
            }
        }
        return ImageFrame.of(f.imageWidth, f.imageHeight, decoded, dst, Math.max(0, seconds));
    }

    /**
     * The picture in a JavaCV frame (8-bit, BGR for color pictures as JavaCV's recorders and filters
     * expect: RGB is swapped), with the frame's time; null for null.
     */
    @Override
    public Frame convert(ImageFrame image) {
        if (image == null) {
            return null;
        }
        int ch = image.format().channels();
        if (frame == null || frame.imageWidth != image.width() || frame.imageHeight != image.height()
                || frame.imageChannels != ch) {
            if (frame != null) {
                frame.close();
            }
            frame = new Frame(image.width(), image.height(), Frame.DEPTH_UBYTE, ch);
        }
        ByteBuffer dst = (ByteBuffer) frame.image[0];
        byte[] px = image.copyPixels();
        if (image.format() == PixelFormat.RGB24) {
            for (int i = 0; i < px.length; i += 3) {
                byte t = px[i];
                px[i] = px[i + 2];
                px[i + 2] = t;
            }
        }
        int rowBytes = image.width() * ch;
        for (int y = 0; y < image.height(); y++) {
            dst.position(y * frame.imageStride);
            dst.put(px, y * rowBytes, rowBytes);
        }
        dst.position(0);
        frame.timestamp = Math.round(image.timestampSeconds() * 1e6);
        return frame;
    }
}
