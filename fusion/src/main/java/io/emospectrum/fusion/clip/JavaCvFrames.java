package io.emospectrum.fusion.clip;

import io.emospectrum.error.UnsupportedMediaException;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.media.PixelFormat;
import org.bytedeco.javacv.Frame;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * Copies JavaCV frames into the neutral media types. The grabber reuses its frames' buffers, so
 * every frame that is kept must be copied: these methods always copy.
 */
final class JavaCvFrames {
    private JavaCvFrames() {
    }

    /** A packed BGR24 video frame (the grabber is set to {@code AV_PIX_FMT_BGR24}) as an {@link ImageFrame}. */
    static ImageFrame image(Frame f, double seconds) {
        int rowBytes = f.imageWidth * 3;
        // JavaCV derives imageChannels from the padded stride, so the stride is what can be checked
        if (f.imageDepth != Frame.DEPTH_UBYTE || f.imageStride < rowBytes || !(f.image[0] instanceof ByteBuffer src)) {
            throw new UnsupportedMediaException("unexpected decoded frame layout: depth " + f.imageDepth
                    + ", stride " + f.imageStride + " for " + f.imageWidth + " BGR pixels");
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
        return ImageFrame.of(f.imageWidth, f.imageHeight, PixelFormat.BGR24, dst, Math.max(0, seconds));
    }

    /** Packed float samples (the grabber is set to {@code AV_SAMPLE_FMT_FLT}) as an {@link AudioBuffer}. */
    static AudioBuffer audio(Frame f, double startSeconds) {
        if (f.samples.length != 1 || !(f.samples[0] instanceof FloatBuffer src)) {
            throw new UnsupportedMediaException("unexpected decoded audio layout: " + f.samples.length + " planes of "
                    + f.samples[0].getClass().getSimpleName());
        }
        FloatBuffer in = src.duplicate();
        float[] copy = new float[in.remaining()];
        in.get(copy);
        return AudioBuffer.of(copy, f.audioChannels, f.sampleRate, startSeconds);
    }
}
