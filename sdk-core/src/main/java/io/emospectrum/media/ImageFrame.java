package io.emospectrum.media;

import io.emospectrum.error.InvalidInputException;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An image or a video frame as it crosses module borders: the neutral type, free of JavaCV,
 * OpenCV and DJL (converters live in the modality modules, as JavaCV's {@code FrameConverter}s do).
 *
 * <p>Pixels are held in a read-only buffer with no padding between rows. The factory methods
 * take ownership of the array they are given and do not copy it: do not write to it afterwards.
 *
 * @param width            pixels per row
 * @param height           rows
 * @param format           channel layout
 * @param pixels           {@code width * height * channels} bytes, read-only
 * @param timestampSeconds position in the source video, 0 for still images
 */
public record ImageFrame(int width, int height, PixelFormat format, ByteBuffer pixels, double timestampSeconds) {
    /** Largest side accepted, so that absurd sizes fail before memory is spent on them. */
    public static final int MAX_SIDE = 16_384;

    public ImageFrame {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(pixels, "pixels");
        checkSize(width, height);
        long expected = (long) width * height * format.channels();
        if (pixels.remaining() != expected) {
            throw new InvalidInputException("a " + width + "x" + height + " " + format + " frame needs " + expected
                    + " bytes, got " + pixels.remaining());
        }
        if (!(timestampSeconds >= 0) || Double.isInfinite(timestampSeconds)) {
            throw new InvalidInputException("frame timestamp must be finite and >= 0, was " + timestampSeconds);
        }
        pixels = pixels.asReadOnlyBuffer();
    }

    /** Fails with a clear message if an image of this size would not be accepted. */
    public static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new InvalidInputException("image has no pixels: " + width + "x" + height);
        }
        if (width > MAX_SIDE || height > MAX_SIDE) {
            throw new InvalidInputException("image of " + width + "x" + height + " is larger than the supported "
                    + MAX_SIDE + " pixels per side");
        }
    }

    public static ImageFrame of(int width, int height, PixelFormat format, byte[] pixels, double timestampSeconds) {
        return new ImageFrame(width, height, format, ByteBuffer.wrap(pixels), timestampSeconds);
    }

    public static ImageFrame of(int width, int height, PixelFormat format, byte[] pixels) {
        return of(width, height, format, pixels, 0);
    }

    /** A fresh view of the pixels, positioned at 0; safe to read from several threads. */
    @Override
    public ByteBuffer pixels() {
        return pixels.duplicate();
    }

    /** The pixels copied into a new array. */
    public byte[] copyPixels() {
        byte[] out = new byte[pixels.remaining()];
        pixels.duplicate().get(out);
        return out;
    }

    public ImageFrame withTimestamp(double seconds) {
        return new ImageFrame(width, height, format, pixels, seconds);
    }
}
