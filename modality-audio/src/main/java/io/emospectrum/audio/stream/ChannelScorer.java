package io.emospectrum.audio.stream;

import io.emospectrum.audio.features.FeatureConfig;
import io.emospectrum.audio.features.FrameFeatureExtractor;
import io.emospectrum.audio.features.FrameFeatures;
import io.emospectrum.audio.features.VoiceActivity;
import io.emospectrum.audio.io.Resampler;
import io.emospectrum.audio.model.VoiceModel;
import io.emospectrum.audio.model.VoiceModelConfig;
import io.emospectrum.spectrum.EmotionReading;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The pipeline of one mono channel: resampling to the model's rate, frame features, sliding
 * windows ({@code windowFrames} long, every {@code hopFrames}), voice activity, scoring and the
 * running summary. Windows without enough speech are not scored. Frames are kept only as long as
 * a future window needs them, so memory does not grow with the length of the stream.
 * Not thread-safe: one producer.
 */
public final class ChannelScorer {
    private final VoiceModel model;
    private final VoiceReadings readings;
    private final VoiceModelConfig config;
    private final FeatureConfig features;
    private final Resampler resampler;
    private final FrameFeatureExtractor extractor;
    private final List<FrameFeatures> frames = new ArrayList<>();
    private final List<float[][]> batch = new ArrayList<>();
    private final List<double[]> batchSpans = new ArrayList<>();
    private final List<VoiceActivity> batchActivity = new ArrayList<>();
    private final int batchSize;
    private final double startSeconds;
    private final String subject;
    private final Consumer<EmotionReading> listener;
    private final SummaryAccumulator summary;
    /** Absolute index of {@code frames.get(0)}. */
    private long firstFrame;
    private long nextWindow;
    private long lastWindowEnd;
    private long inputFrames;
    private final int inputRate;
    private boolean finished;

    /**
     * @param inputRate    rate of the samples given to {@link #accept}
     * @param startSeconds media time of the first sample
     * @param subject      who this channel is ({@code "channel-1"}), or null
     * @param batchSize    windows scored together; 1 scores each window as soon as it completes
     */
    public ChannelScorer(VoiceReadings readings, int inputRate, double startSeconds, String subject, int batchSize,
                         Consumer<EmotionReading> listener) {
        this.readings = readings;
        this.model = readings.model();
        this.config = model.config();
        this.features = config.features();
        this.inputRate = inputRate;
        this.resampler = inputRate == features.sampleRate() ? null : new Resampler(inputRate, features.sampleRate());
        this.extractor = new FrameFeatureExtractor(features, frames::add);
        this.batchSize = batchSize;
        this.startSeconds = startSeconds;
        this.subject = subject;
        this.listener = listener;
        this.summary = new SummaryAccumulator(model, subject);
    }

    /** Seconds of input seen so far. */
    public double secondsSeen() {
        return inputFrames / (double) inputRate;
    }

    /** Adds mono samples at the input rate; completed windows are scored and reported. */
    public void accept(float[] mono) {
        if (finished) {
            throw new IllegalStateException("this channel is finished");
        }
        inputFrames += mono.length;
        extractor.accept(resampler == null ? mono : resampler.process(mono));
        emitFullWindows();
    }

    /** Scores what is left (a last window aligned to the end) and flushes the batch. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (resampler != null) {
            extractor.accept(resampler.flush());
        }
        emitFullWindows();
        long total = extractor.frameCount();
        int window = config.windowFrames();
        int stack = config.stack();
        if (lastWindowEnd == 0 && nextWindow == 0) {
            // Shorter than one window: score what there is if it is at least a hop long.
            long usable = total - total % stack;
            if (usable >= config.hopFrames()) {
                queue(0, usable);
            }
        } else if (total - lastWindowEnd >= config.hopFrames() / 2 && total >= window) {
            queue(total - window, total); // the tail that the last full window missed
        }
        flushBatch();
    }

    public EmotionReading summary() {
        return summary.summary(startSeconds, startSeconds + secondsSeen());
    }

    public int scoredWindows() {
        return summary.windows();
    }

    private void emitFullWindows() {
        long total = extractor.frameCount();
        while (nextWindow + config.windowFrames() <= total) {
            queue(nextWindow, nextWindow + config.windowFrames());
            nextWindow += config.hopFrames();
        }
        // Frames before the next window's start are no longer needed.
        long keepFrom = Math.min(nextWindow, Math.max(0, total - config.windowFrames()));
        int drop = (int) Math.max(0, keepFrom - firstFrame);
        if (drop > 0) {
            frames.subList(0, drop).clear();
            firstFrame += drop;
        }
    }

    private void queue(long from, long to) {
        List<FrameFeatures> w = frames.subList((int) (from - firstFrame), (int) (to - firstFrame));
        lastWindowEnd = Math.max(lastWindowEnd, to);
        VoiceActivity activity = VoiceActivity.of(w);
        if (!activity.hasSpeech()) {
            return; // silence is not scored as emotion
        }
        float[][] x = config.windowInput(w);
        double hopSeconds = features.hop() / (double) features.sampleRate();
        if (!batch.isEmpty() && batch.get(0).length != x.length) {
            flushBatch(); // a batch shares one length
        }
        batch.add(x);
        batchSpans.add(new double[] {startSeconds + from * hopSeconds, startSeconds + to * hopSeconds});
        batchActivity.add(activity);
        if (batch.size() >= batchSize) {
            flushBatch();
        }
    }

    private void flushBatch() {
        if (batch.isEmpty()) {
            return;
        }
        List<float[]> probs = model.predict(List.copyOf(batch));
        for (int i = 0; i < probs.size(); i++) {
            double[] span = batchSpans.get(i);
            EmotionReading r = readings.window(new ScoredWindow(span[0], span[1], probs.get(i), batchActivity.get(i)), subject);
            summary.add(r);
            listener.accept(r);
        }
        batch.clear();
        batchSpans.clear();
        batchActivity.clear();
    }
}
