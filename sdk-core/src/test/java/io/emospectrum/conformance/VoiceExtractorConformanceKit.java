package io.emospectrum.conformance;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.TimeSpan;
import io.emospectrum.spi.VoiceAnalysis;
import io.emospectrum.spi.VoiceEmotionExtractor;
import io.emospectrum.spi.VoiceStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.emospectrum.conformance.ReadingAssertions.assertSameSpectrum;
import static io.emospectrum.conformance.ReadingAssertions.assertWellFormed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link VoiceEmotionExtractor} must do. A provider's test extends this kit, implements
 * {@link #createExtractor()} and {@link #speech()}; the extractor is created once per class.
 */
public abstract class VoiceExtractorConformanceKit extends ExtractorConformanceKit<VoiceEmotionExtractor> {
    /** At least three seconds of real (or realistic) speech, mono. */
    protected abstract AudioBuffer speech();

    private static final AudioBuffer BUZZ = buzz(16_000, 2.5);

    private static AudioBuffer buzz(int rate, double seconds) {
        float[] s = new float[(int) (rate * seconds)];
        java.util.Random noise = new java.util.Random(7);
        for (int i = 0; i < s.length; i++) {
            double t = i / (double) rate;
            double voice = 0;
            for (int h = 1; h <= 8; h++) {
                voice += Math.sin(2 * Math.PI * 140 * h * t) / h;
            }
            double syllable = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
            s[i] = (float) (0.25 * syllable * voice + 0.01 * noise.nextGaussian());
        }
        return AudioBuffer.of(s, 1, rate);
    }

    /**
     * A buffer analysis and a stream, in turn: both must respect {@code close()}. The audio is a
     * voiced buzz (a 140 Hz pulse train with a syllable rhythm), so that voice activity detection
     * lets it through to the model without real speech.
     */
    @Override
    protected void exercise(VoiceEmotionExtractor e) {
        AudioBuffer audio = BUZZ;
        e.analyze(audio);
        float[] mono = audio.mono();
        try (VoiceStream s = e.openStream(audio.sampleRate(), 1, r -> { })) {
            int chunk = audio.sampleRate() / 5;
            for (int off = 0; off < mono.length; off += chunk) {
                s.accept(AudioBuffer.of(Arrays.copyOfRange(mono, off, Math.min(mono.length, off + chunk)), 1, audio.sampleRate(),
                        off / (double) audio.sampleRate()));
            }
        }
    }

    @Test
    void speechGetsOrderedWellFormedWindows() {
        AudioBuffer audio = speech();
        VoiceAnalysis a = extractor.analyze(audio);
        assertThat(a.windows()).isNotEmpty();
        double last = -1;
        for (EmotionReading w : a.windows()) {
            assertWellFormed(w, extractor, Modality.VOICE);
            TimeSpan t = w.span().time();
            assertThat(t).isNotNull();
            assertThat(t.start()).isGreaterThanOrEqualTo(last);
            assertThat(t.end()).isLessThanOrEqualTo(audio.durationSeconds() + 1e-3);
            last = t.start();
        }
        assertWellFormed(a.summary(), extractor, Modality.VOICE);
    }

    @Test
    void silenceIsNotReadAsEmotion() {
        AudioBuffer silence = AudioBuffer.of(new float[16_000 * 3], 1, 16_000);
        VoiceAnalysis a = extractor.analyze(silence);
        for (EmotionReading w : a.windows()) {
            assertThat(w.confidence()).as("confidence of a silent window").isLessThanOrEqualTo(0.2f);
        }
        assertThat(a.summary().confidence()).isLessThanOrEqualTo(0.2f);
    }

    @Test
    void streamingInChunksGivesTheSameWindowsAsAWholeFile() {
        AudioBuffer audio = speech();
        VoiceAnalysis whole = extractor.analyze(audio);
        List<EmotionReading> streamed = new ArrayList<>();
        float[] mono = audio.mono();
        try (VoiceStream s = extractor.openStream(audio.sampleRate(), 1, streamed::add)) {
            int chunk = audio.sampleRate() / 10; // 100 ms, as telephony stacks deliver it
            for (int off = 0; off < mono.length; off += chunk) {
                float[] part = Arrays.copyOfRange(mono, off, Math.min(mono.length, off + chunk));
                s.accept(AudioBuffer.of(part, 1, audio.sampleRate(), off / (double) audio.sampleRate()));
            }
        }
        assertThat(streamed).hasSameSizeAs(whole.windows());
        for (int i = 0; i < streamed.size(); i++) {
            assertSameSpectrum(streamed.get(i), whole.windows().get(i), 1e-3f);
        }
    }

    @Test
    void nanSamplesAreRejectedAndTheExtractorKeepsWorking() {
        float[] bad = new float[1600];
        bad[100] = Float.NaN;
        try (VoiceStream s = extractor.openStream(16_000, 1, r -> { })) {
            assertThatThrownBy(() -> s.accept(AudioBuffer.of(bad, 1, 16_000))).isInstanceOf(InvalidInputException.class);
        }
        assertThat(extractor.analyze(speech()).windows()).isNotEmpty();
    }

    @Test
    void unreadableFilesGetATypedError(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.wav"));
        Path text = Files.writeString(dir.resolve("notes.wav"), "RIFF but not really a wave file at all");
        for (Path bad : List.of(empty, text, dir.resolve("missing.wav"))) {
            assertThatThrownBy(() -> extractor.analyze(bad)).as(bad.toString()).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void concurrentStreamsDoNotInterfere() throws Exception {
        AudioBuffer audio = speech();
        VoiceAnalysis expected = extractor.analyze(audio);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<VoiceAnalysis>> futures = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                futures.add(pool.submit(() -> extractor.analyze(audio)));
            }
            for (Future<VoiceAnalysis> f : futures) {
                VoiceAnalysis got = f.get();
                assertThat(got.windows()).hasSameSizeAs(expected.windows());
                for (int i = 0; i < got.windows().size(); i++) {
                    assertSameSpectrum(got.windows().get(i), expected.windows().get(i), 1e-3f);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
