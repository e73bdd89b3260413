package io.emospectrum.audio;

import io.emospectrum.audio.io.AudioFiles;
import io.emospectrum.audio.io.AudioSource;
import io.emospectrum.audio.io.SampleRates;
import io.emospectrum.audio.model.VoiceModel;
import io.emospectrum.audio.stream.ChannelScorer;
import io.emospectrum.audio.stream.GruVoiceStream;
import io.emospectrum.audio.stream.Samples;
import io.emospectrum.audio.stream.VoiceReadings;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.lifecycle.CloseGuard;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spi.VoiceAnalysis;
import io.emospectrum.spi.VoiceEmotionExtractor;
import io.emospectrum.spi.VoiceStream;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Voice emotion from a GRU over TarsosDSP features, trained on RAVDESS (see docs/modality-audio.md).
 * Scores sliding windows (2 s every 0.5 s with the bundled model) that hold speech; silence is
 * not scored. Thread-safe: each call has its own pipeline and borrows a predictor from the model's pool.
 * {@link #close()} waits for calls (and stream chunks) in flight; later ones fail with
 * {@link io.emospectrum.error.ExtractorClosedException}.
 */
public final class GruVoiceExtractor implements VoiceEmotionExtractor {
    /** Decoding chunk: one second at 48 kHz. */
    private static final int CHUNK_FRAMES = 48_000;

    private final VoiceModel model;
    private final VoiceReadings readings;
    private final int batchSize;
    private final double maxDurationSeconds;
    private final int hopFrames;
    private final CloseGuard guard = new CloseGuard("voice extractor", this::free);

    /** With the model's own window hop. */
    public GruVoiceExtractor(VoiceModel model, int batchSize, double maxDurationSeconds) {
        this(model, batchSize, maxDurationSeconds, model.config().hopFrames());
    }

    /** @param hopFrames frames between window starts: fewer windows cost less (see {@link GruVoiceProvider#WINDOW_HOP}) */
    public GruVoiceExtractor(VoiceModel model, int batchSize, double maxDurationSeconds, int hopFrames) {
        if (hopFrames < 1 || hopFrames > model.config().windowFrames()) {
            throw new io.emospectrum.error.ConfigurationException("window hop must be between one frame and one window ("
                    + model.config().windowFrames() + " frames), was " + hopFrames);
        }
        this.model = model;
        this.readings = new VoiceReadings(model);
        this.batchSize = batchSize;
        this.maxDurationSeconds = maxDurationSeconds;
        this.hopFrames = hopFrames;
    }

    public VoiceModel voiceModel() {
        return model;
    }

    /** The pipeline of one channel; runs the model, so only inside a guarded call. */
    private ChannelScorer channelScorer(int sampleRate, double startSeconds, String subject, int batch,
                                       Consumer<EmotionReading> listener) {
        return new ChannelScorer(readings, SampleRates.require(sampleRate, "the audio"), startSeconds, subject, batch, hopFrames,
                listener);
    }

    @Override
    public ModelId model() {
        return model.id();
    }

    @Override
    public String device() {
        return model.device();
    }

    @Override
    public VoiceAnalysis analyze(AudioBuffer audio) {
        try (CloseGuard.Call call = guard.enter()) {
            return analyzeOpen(audio);
        }
    }

    private VoiceAnalysis analyzeOpen(AudioBuffer audio) {
        SampleRates.require(audio.sampleRate(), "the audio buffer");
        checkDuration(audio.durationSeconds(), "the audio buffer");
        List<EmotionReading> windows = new ArrayList<>();
        ChannelScorer scorer = channelScorer(audio.sampleRate(), audio.startSeconds(), null, batchSize, windows::add);
        float[] mono = audio.mono();
        Samples.requireFinite(mono, "the audio buffer");
        int step = audio.sampleRate() * 10;
        for (int i = 0; i < mono.length; i += step) {
            scorer.accept(java.util.Arrays.copyOfRange(mono, i, Math.min(mono.length, i + step)));
        }
        scorer.finish();
        return new VoiceAnalysis(windows, scorer.summary());
    }

    @Override
    public VoiceAnalysis analyze(Path audioFile) {
        try (CloseGuard.Call call = guard.enter()) {
            return analyzeOpen(audioFile);
        }
    }

    private VoiceAnalysis analyzeOpen(Path audioFile) {
        try (AudioSource src = AudioFiles.open(audioFile)) {
            checkDuration(src.declaredDurationSeconds(), audioFile.toString());
            List<EmotionReading> windows = new ArrayList<>();
            ChannelScorer scorer = channelScorer(src.sampleRate(), 0, null, batchSize, windows::add);
            float[] chunk;
            while ((chunk = src.read(CHUNK_FRAMES)) != null) {
                Samples.requireFinite(chunk, audioFile.toString());
                scorer.accept(Samples.mixToMono(chunk, src.channels()));
                checkDuration(scorer.secondsSeen(), audioFile.toString());
            }
            scorer.finish();
            if (scorer.secondsSeen() == 0) {
                throw new InvalidInputException(audioFile + " holds no audio samples"
                        + (src.issues().isEmpty() ? "" : ": " + String.join("; ", src.issues())));
            }
            return new VoiceAnalysis(windows, scorer.summary(), src.issues());
        }
    }

    private void checkDuration(double seconds, String what) {
        if (seconds > maxDurationSeconds) {
            throw new InvalidInputException(String.format(java.util.Locale.ROOT,
                    "%s is %.0f s long; this extractor analyzes at most %.0f s per call (option %s); "
                            + "split it, or use openStream for unbounded audio",
                    what, seconds, maxDurationSeconds, GruVoiceProvider.MAX_DURATION.name()));
        }
    }

    @Override
    public VoiceStream openStream(int sampleRate, int channels, Consumer<EmotionReading> listener) {
        guard.checkOpen();
        return new GruVoiceStream(readings, sampleRate, channels, hopFrames, listener, guard);
    }

    @Override
    public void close() {
        guard.close();
    }

    private void free() {
        model.close();
    }
}
