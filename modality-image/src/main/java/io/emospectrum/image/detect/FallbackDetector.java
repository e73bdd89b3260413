package io.emospectrum.image.detect;

import io.emospectrum.media.ImageFrame;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A detector and a last resort: the fallback looks only at the frames where the first detector found nothing, so
 * frames with faces cost nothing extra. Closes both. Thread-safe as they are.
 */
public final class FallbackDetector implements FaceDetector {
    private final FaceDetector first;
    private final FaceDetector fallback;

    public FallbackDetector(FaceDetector first, FaceDetector fallback) {
        this.first = Objects.requireNonNull(first, "first");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public String name() {
        return first.name();
    }

    /** The first detector. */
    public FaceDetector first() {
        return first;
    }

    /** The last resort. */
    public FaceDetector fallback() {
        return fallback;
    }

    @Override
    public List<DetectedFace> detect(ImageFrame frame) {
        return detectAll(List.of(frame)).get(0);
    }

    @Override
    public List<List<DetectedFace>> detectAll(List<ImageFrame> frames) {
        List<List<DetectedFace>> out = new ArrayList<>(first.detectAll(frames));
        List<Integer> empty = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            if (out.get(i).isEmpty()) {
                empty.add(i);
            }
        }
        if (!empty.isEmpty()) {
            List<List<DetectedFace>> again = fallback.detectAll(empty.stream().map(frames::get).toList());
            for (int k = 0; k < empty.size(); k++) {
                out.set(empty.get(k), again.get(k));
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            first.close();
        } finally {
            fallback.close();
        }
    }
}
