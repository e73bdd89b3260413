package io.emospectrum.image.frame;

import io.emospectrum.error.UnsupportedMediaException;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.media.PixelFormat;
import org.bytedeco.javacv.Frame;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.ByteBuffer;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/**
 * Two-way conversions between the neutral {@link ImageFrame} and OpenCV {@link Mat} / JavaCV
 * {@link Frame}, in the manner of JavaCV's {@code FrameConverter}s. Each conversion copies once:
 * an {@code ImageFrame} is immutable and a grabber reuses its buffers, so a kept frame is a copy.
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

    /**
     * Copies an 8-bit packed video frame (BGR24 or GRAY8, as {@link VideoFrameSource} asks FFmpeg
     * for) into an {@link ImageFrame}, dropping the row padding.
     */
    public static ImageFrame fromFrame(Frame frame, double timestampSeconds) {
        if (frame.image == null || frame.imageDepth != Frame.DEPTH_UBYTE) {
            throw new UnsupportedMediaException("frame has no 8-bit image");
        }
        int ch = frame.imageChannels;
        PixelFormat format = switch (ch) {
            case 1 -> PixelFormat.GRAY8;
            case 3 -> PixelFormat.BGR24;
            default -> throw new UnsupportedMediaException("video frames with " + ch + " channels are not supported");
        };
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        int rowBytes = w * ch;
        ByteBuffer src = ((ByteBuffer) frame.image[0]).duplicate();
        int stride = frame.imageStride;
        byte[] out = new byte[rowBytes * h];
        if (stride == rowBytes) {
            src.position(0);
            src.get(out);
        } else {
            for (int y = 0; y < h; y++) {
                src.position(y * stride);
                src.get(out, y * rowBytes, rowBytes);
            }
        }
        return ImageFrame.of(w, h, format, out, timestampSeconds);
    }

    /** A JavaCV frame over a copy of the pixels (for recorders and JavaCV filters). */
    public static Frame toFrame(ImageFrame image) {
        int ch = image.format().channels();
        Frame f = new Frame(image.width(), image.height(), Frame.DEPTH_UBYTE, ch);
        ByteBuffer dst = (ByteBuffer) f.image[0];
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
            dst.position(y * f.imageStride);
            dst.put(px, y * rowBytes, rowBytes);
        }
        dst.position(0);
        f.timestamp = Math.round(image.timestampSeconds() * 1e6);
        return f;
    }
}
