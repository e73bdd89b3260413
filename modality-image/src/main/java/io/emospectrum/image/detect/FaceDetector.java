package io.emospectrum.image.detect;

import io.emospectrum.media.ImageFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds faces in frames. Thread-safe: implementations pool or scope their native state per call.
 * No face in a frame is a result (an empty list), not an error.
 */
public interface FaceDetector extends AutoCloseable {

    /** The provider name this detector came from ({@code "cascade"}, {@code "blazeface"}). */
    String name();

    /** Faces in {@code frame}, highest score first. */
    List<DetectedFace> detect(ImageFrame frame);

    /** Faces in each frame, in input order; implementations that can batch across frames do. */
    default List<List<DetectedFace>> detectAll(List<ImageFrame> frames) {
        List<List<DetectedFace>> out = new ArrayList<>(frames.size());
        for (ImageFrame f : frames) {
            out.add(detect(f));
        }
        return out;
    }

    @Override
    void close();
}
