package io.emospectrum.testing;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spectrum.Span;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.TimeSpan;
import io.emospectrum.spectrum.VadAnchors;
import io.emospectrum.spi.VoiceAnalysis;
import io.emospectrum.spi.VoiceEmotionExtractor;
import io.emospectrum.spi.VoiceStream;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A deterministic voice extractor for tests of code built on the SPI: one-second windows; silent
 * windows (RMS below 0.01) are not scored; loud windows (RMS above 0.3) read as anger, others neutral.
 */
public final class LoudnessVoiceExtractor implements VoiceEmotionExtractor {
    public static final ModelId MODEL = new ModelId("loudness-test", "1");

    private final io.emospectrum.lifecycle.CloseGuard guard = new io.emospectrum.lifecycle.CloseGuard("loudness voice extractor", () -> { });

    @Override
    public VoiceAnalysis analyze(AudioBuffer audio) {
        List<EmotionReading> windows = new ArrayList<>();
        try (VoiceStream s = openStream(audio.sampleRate(), audio.channels(), windows::add)) {
            s.accept(audio);
            s.close();
            return new VoiceAnalysis(windows, s.summary());
        }
    }

    @Override
    public VoiceAnalysis analyze(Path audioFile) {
        return analyze(readWav(audioFile));
    }

    @Override
    public VoiceStream openStream(int sampleRate, int channels, Consumer<EmotionReading> listener) {
        guard.checkOpen();
        return new VoiceStream() {
            private final float[] window = new float[sampleRate];
            private int filled;
            private long windowIndex;
            private final List<EmotionReading> scored = new ArrayList<>();

            @Override
            public void accept(AudioBuffer chunk) {
                guard.checkOpen();
                float[] mono = chunk.mono();
                for (float v : mono) {
                    if (Float.isNaN(v)) {
                        throw new InvalidInputException("NaN sample in audio chunk");
                    }
                    window[filled++] = v;
                    if (filled == window.length) {
                        emit(filled);
                    }
                }
            }

            private void emit(int n) {
                double sq = 0;
                for (int i = 0; i < n; i++) {
                    sq += window[i] * window[i];
                }
                double rms = Math.sqrt(sq / Math.max(1, n));
                double start = windowIndex;
                windowIndex++;
                filled = 0;
                if (rms < 0.01) {
                    return;
                }
                float[] p = new float[EmotionCategory.COUNT];
                p[(rms > 0.3 ? EmotionCategory.ANGER : EmotionCategory.NEUTRAL).index()] = 1;
                EmotionReading r = EmotionReading.builder().spectrum(Spectrum.of(p, VadAnchors.NRC_VAD_2018))
                        .confidence(0.7f).modality(modality()).model(MODEL).device(device())
                        .span(Span.of(new TimeSpan(start, start + n / (double) sampleRate))).build();
                scored.add(r);
                listener.accept(r);
            }

            @Override
            public EmotionReading summary() {
                float[] sum = new float[EmotionCategory.COUNT];
                for (EmotionReading r : scored) {
                    float[] p = r.spectrum().probabilities();
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += p[i];
                    }
                }
                return EmotionReading.builder().spectrum(Spectrum.fromScores(sum, VadAnchors.NRC_VAD_2018))
                        .confidence(scored.isEmpty() ? 0f : 0.7f).modality(modality()).model(MODEL).device(device())
                        .span(Span.of(new TimeSpan(0, windowIndex))).build();
            }

            @Override
            public void close() {
                if (filled > sampleRate / 2) {
                    emit(filled);
                }
                filled = 0;
            }
        };
    }

    /** Reads 16-bit PCM WAV with the JDK (the real module reads many more formats). */
    public static AudioBuffer readWav(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                throw new InvalidInputException("no audio in " + file + " (missing or empty file)");
            }
            try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
                AudioFormat f = in.getFormat();
                if (f.getSampleSizeInBits() != 16 || f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
                    throw new InvalidInputException("only 16-bit PCM WAV in this test decoder: " + file);
                }
                byte[] bytes = in.readAllBytes();
                ByteBuffer bb = ByteBuffer.wrap(bytes).order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                float[] samples = new float[bytes.length / 2];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = bb.getShort() / 32768f;
                }
                return AudioBuffer.of(samples, f.getChannels(), (int) f.getSampleRate());
            }
        } catch (UnsupportedAudioFileException | IOException e) {
            throw new InvalidInputException("cannot read audio " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ModelId model() {
        return MODEL;
    }

    @Override
    public String device() {
        return "cpu()";
    }

    @Override
    public void close() {
        guard.close(); // nothing native to free
    }
}
