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
 * {@link ImageFrame}s. The header is checked first: empty files, text files, truncated headers and
 * images larger than {@link ImageFrame#MAX_SIDE} fail with a typed error before any pixel is
 * decoded. Stateless and thread-safe.
 */
public final class ImageDecoder {
    /** Files larger than this are refused unread (a 16384x16384 PNG of noise is ~800 MB). */
    public static final long MAX_FILE_BYTES = 1L << 30;

    public ImageFrame decode(Path file) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new InvalidInputException(file + " is " + size + " bytes, more than the " + MAX_FILE_BYTES + " accepted");
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
        if (header.format().equals("jpeg") && !hasJpegEnd(bytes)) {
            // libjpeg fills a cut-off JPEG with gray and only warns; a partial face is not a result.
            throw new InvalidInputException(origin + " is a truncated JPEG (no end-of-image marker)");
        }
        try (BytePointer data = new BytePointer(bytes);
             Mat buf = new Mat(1, bytes.length, org.bytedeco.opencv.global.opencv_core.CV_8UC1, data);
             Mat img = imdecode(buf, IMREAD_COLOR)) {
            if (img == null || img.empty()) {
                throw new InvalidInputException(origin + " is a corrupt or truncated " + header.format().toUpperCase(java.util.Locale.ROOT)
                        + " image (" + header.width() + "x" + header.height() + " declared, not decodable)");
            }
            return ImageFrames.fromMat(img, 0);
        }
    }

    private static boolean hasJpegEnd(byte[] b) {
        // Some encoders pad after EOI; look at the last few bytes.
        for (int i = b.length - 2; i >= Math.max(0, b.length - 64); i--) {
            if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == 0xd9) {
                return true;
            }
        }
        return false;
    }
}
