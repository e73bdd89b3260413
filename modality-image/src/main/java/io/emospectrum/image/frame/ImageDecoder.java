package io.emospectrum.image.frame;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.media.ImageFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

/**
 * Decodes image files (PNG, JPEG, BMP, WebP, GIF's first frame) with OpenCV into BGR
 * {@link ImageFrame}s, in bounded memory: only regular files are read (not a FIFO or
 * {@code /dev/zero}), at most {@link #MAX_FILE_BYTES}; the header is checked before any pixel is
 * decoded, so empty files, text files, truncated headers, chunks that claim more bytes than the
 * file holds and images with more pixels than the budget fail with a typed error at once.
 * Stateless and thread-safe.
 */
public final class ImageDecoder {
    /** Files larger than this are refused unread. */
    public static final long MAX_FILE_BYTES = 256L << 20;
    /**
     * Default pixel budget: 50 megapixels (8660x5773, a 50 MP phone photo). Decoding costs about
     * 6 bytes per pixel at once (OpenCV's image and its copy), so 50 MP stays near 300 MB.
     */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    private final long maxPixels;

    /** With the {@linkplain #DEFAULT_MAX_PIXELS default pixel budget}. */
    public ImageDecoder() {
        this(DEFAULT_MAX_PIXELS);
    }

    /** @param maxPixels the largest width x height accepted */
    public ImageDecoder(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("pixel budget must be positive, was " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    public long maxPixels() {
        return maxPixels;
    }

    public ImageFrame decode(Path file) {
        byte[] bytes;
        try {
            if (!Files.exists(file)) {
                throw new InvalidInputException("image file " + file + " does not exist");
            }
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(file + " is not a regular file (a directory, device or pipe); images are read from files");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new InvalidInputException(file + " is " + size + " bytes, more than the " + MAX_FILE_BYTES + " accepted for an image");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("image file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read image file " + file + ": " + e.getMessage(), e);
        }
        return decode(bytes, file.toString());
    }

    /**
     * @param origin names the source in error messages
     * @throws InvalidInputException for empty, truncated, corrupt or oversized images
     * @throws io.emospectrum.error.UnsupportedMediaException for bytes that are no image format we read
     */
    public ImageFrame decode(byte[] bytes, String origin) {
        ImageHeader header = ImageHeader.read(bytes, origin);
        ImageFrame.checkSize(header.width(), header.height());
        long pixels = (long) header.width() * header.height();
        if (pixels > maxPixels) {
            throw new InvalidInputException(String.format(java.util.Locale.ROOT,
                    "%s is too large: %dx%d is %.1f megapixels, more than the budget of %.1f (provider option max-pixels)",
                    origin, header.width(), header.height(), pixels / 1e6, maxPixels / 1e6));
        }
        int length = bytes.length;
        if (header.format().equals("jpeg")) {
            // libjpeg fills a cut-off JPEG with gray and only warns; a partial face is not a result.
            // Data after the end marker (a motion photo's video) is not part of the image.
            length = ImageHeader.jpegLength(bytes);
            if (length < 0) {
                throw new InvalidInputException(origin + " is a truncated JPEG (no end-of-image marker)");
            }
        }
        try (BytePointer data = new BytePointer(bytes);
             Mat buf = new Mat(1, length, org.bytedeco.opencv.global.opencv_core.CV_8UC1, data);
             Mat img = imdecode(buf, IMREAD_COLOR)) {
            if (img == null || img.empty()) {
                throw new InvalidInputException(origin + " is a corrupt or truncated " + header.format().toUpperCase(java.util.Locale.ROOT)
                        + " image (" + header.width() + "x" + header.height() + " declared, not decodable)");
            }
            return ImageFrames.fromMat(img, 0);
        }
    }

}
