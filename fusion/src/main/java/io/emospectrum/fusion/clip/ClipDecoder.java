package io.emospectrum.fusion.clip;

import io.emospectrum.media.AudioBuffer;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.media.javacv.AudioBufferConverter;
import io.emospectrum.media.javacv.ImageFrameConverter;
import io.emospectrum.media.javacv.MediaGrabber;
import org.bytedeco.javacv.Frame;

import java.util.function.Consumer;

/**
 * One pass over a clip's frames: the frames due for faces (at a fixed rate) to one consumer, the
 * sound track in chunks to another, progress to the timeline, decoding time to the metrics. The
 * clip is streamed: only the frames the consumers keep are copied.
 */
final class ClipDecoder {
    private final MediaGrabber media;
    private final ClipTimeline timeline;
    private final ClipMetrics metrics;

    ClipDecoder(MediaGrabber media, ClipTimeline timeline, ClipMetrics metrics) {
        this.media = media;
        this.timeline = timeline;
        this.metrics = metrics;
    }

    /**
     * What was decoded.
     *
     * @param videoSeconds up to the end of the last frame
     * @param audioSeconds the sound track's length, counted in samples
     */
    record Decoded(long framesDecoded, long framesAnalyzed, double videoSeconds, double audioSeconds) {
        /** The longer of the two. */
        double duration() {
            return Math.max(videoSeconds, audioSeconds);
        }
    }

    /**
     * Decodes to the end.
     *
     * @param facesPerSecond frames per second to send to {@code faces}
     * @param faces          receives the frames due; null to read no faces
     * @param voice          receives the sound track; null to read no voice
     */
    Decoded decode(double facesPerSecond, Consumer<ImageFrame> faces, Consumer<AudioBuffer> voice) {
        double declared = media.declaredSeconds();
        double facePeriod = 1 / facesPerSecond;
        long framesDecoded = 0;
        long framesAnalyzed = 0;
        long audioFrames = 0;
        int audioRate = 0;
        double videoSeconds = 0;
        double nextFaceTime = 0;
        double nextProgress = 0;
        try (ImageFrameConverter images = new ImageFrameConverter(); AudioBufferConverter sounds = new AudioBufferConverter()) {
            while (true) {
                long t0 = System.nanoTime();
                Frame f = media.grab();
                if (f == null) {
                    metrics.record(ClipMetrics.Phase.DECODE, System.nanoTime() - t0);
                    break;
                }
                double t = Math.max(0, f.timestamp / 1e6);
                ImageFrame image = null;
                AudioBuffer chunk = null;
                if (f.image != null) {
                    framesDecoded++;
                    videoSeconds = Math.max(videoSeconds, t);
                    if (faces != null && t >= nextFaceTime - 1e-6) {
                        image = images.convert(f, t);
                        while (nextFaceTime <= t + 1e-6) {
                            nextFaceTime += facePeriod;
                        }
                        framesAnalyzed++;
                    }
                } else if (f.samples != null) {
                    if (voice != null) {
                        // sample counts, not packet timestamps, place the chunks: no drift, no gaps
                        chunk = sounds.convert(f, audioRate == 0 ? 0 : audioFrames / (double) audioRate);
                        audioRate = chunk.sampleRate();
                        audioFrames += chunk.frames();
                    } else {
                        audioRate = f.sampleRate;
                        audioFrames += f.samples[0].limit() / Math.max(1, f.audioChannels);
                    }
                }
                metrics.record(ClipMetrics.Phase.DECODE, System.nanoTime() - t0);
                if (image != null) {
                    faces.accept(image);
                }
                if (chunk != null) {
                    voice.accept(chunk);
                }
                if (t >= nextProgress) {
                    timeline.progress(t, declared);
                    nextProgress = t + 1;
                }
            }
        }
        double audioSeconds = audioRate == 0 ? 0 : audioFrames / (double) audioRate;
        // the last frame is shown for one frame period
        double frameRate = media.frameRate();
        if (framesDecoded > 0 && frameRate > 0) {
            videoSeconds += 1 / frameRate;
        }
        timeline.progress(Math.max(videoSeconds, audioSeconds), declared);
        return new Decoded(framesDecoded, framesAnalyzed, videoSeconds, audioSeconds);
    }
}
