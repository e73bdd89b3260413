package io.emospectrum.image.frame;

import io.emospectrum.error.UnsupportedMediaException;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.media.PixelFormat;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.ByteBuffer;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/**
 * Two-way conversions between the neutral {@link ImageFrame} and OpenCV {@link Mat} (for the
 * detectors' OpenCV calls). Each conversion copies once: an {@code ImageFrame} is immutable. JavaCV
 * {@code Frame}s convert with media-javacv's {@code ImageFrameConverter}.
 */
public final class ImageFrames {
    private ImageFrames() {
    }

    /** Copies an 8-bit 1- or 3-channel Mat (BGR) into a frame. */
    public static ImageFrame fromMat(Mat mat, double timestampSeconds) {
        int channels = mat.channels();
        PixelFormat format = switch (channels) {
            case 1 -> PixelFormat.GRAY8;
            case 3 -> PixelFormat.BGR24;
            default -> throw new UnsupportedMediaException("images with " + channels + " channels are not supported");
        };
        int w = mat.cols();
        int h = mat.rows();
        byte[] out = new byte[w * h * channels];
        Mat m = mat.isContinuous() ? mat : mat.clone();
        try {
            m.data().get(out);
        } finally {
            if (m != mat) {
                m.close();
            }
        }
        return ImageFrame.of(w, h, format, out, timestampSeconds);
    }

    /**
     * A Mat holding a copy of the frame's pixels (BGR for color frames: RGB is swapped). One copy,
     * straight into the Mat's native memory. Close it.
     */
    public static Mat toMat(ImageFrame frame) {
        int ch = frame.format().channels();
        Mat mat = new Mat(frame.height(), frame.width(), ch == 1 ? CV_8UC1 : CV_8UC3);
        ByteBuffer dst = mat.createBuffer();
        dst.put(frame.pixels());
        if (frame.format() == PixelFormat.RGB24) {
            org.bytedeco.opencv.global.opencv_imgproc.cvtColor(mat, mat, org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2BGR);
        }
        return mat;
    }
}
