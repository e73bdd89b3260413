package io.emospectrum.audio;

import io.emospectrum.audio.io.AudioFiles;
import io.emospectrum.audio.io.Resampler;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.error.UnsupportedMediaException;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.VoiceAnalysis;
import io.emospectrum.spi.VoiceEmotionExtractor;
import io.emospectrum.spi.VoiceStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GruVoiceExtractorTest {
    private VoiceEmotionExtractor extractor;

    @TempDir
    Path dir;

    @BeforeAll
    void load() {
        extractor = ProviderRegistry.voice().select(GruVoiceProvider.NAME).create(ExtractorOptions.defaults());
    }

    @AfterAll
    void close() {
        extractor.close();
    }

    private static Path clip() {
        return TestAudio.heldOut(1, java.util.Set.of()).get(0);
    }

    @Test
    void isTheDefaultVoiceProvider() {
        assertThat(ProviderRegistry.voice().select().name()).isEqualTo(GruVoiceProvider.NAME);
        assertThat(extractor.modality()).isEqualTo(Modality.VOICE);
        assertThat(extractor.model().name()).isEqualTo(GruVoiceProvider.GRU_ENSEMBLE);
        assertThat(((GruVoiceExtractor) extractor).voiceModel().nets()).isEqualTo(2);
    }

    @Test
    void rejectsOptionsItDoesNotKnow() {
        ExtractorOptions o = ExtractorOptions.builder().property("max-duration", "10").build();
        assertThatThrownBy(() -> new GruVoiceProvider().create(o)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("max-duration-seconds");
    }

    @Test
    void aLongerWindowHopGivesFewerWindowsOnTheSameGrid() {
        AudioBuffer speech = AudioBuffer.of(TestAudio.heldOut(1, java.util.Set.of()).stream().limit(3)
                .map(c -> AudioFiles.read(c).mono())
                .reduce(new float[0], (a, b) -> {
                    float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
                    System.arraycopy(b, 0, out, a.length, b.length);
                    return out;
                }), 1, 16_000);
        try (VoiceEmotionExtractor slow = new GruVoiceProvider().create(
                ExtractorOptions.builder().property(GruVoiceProvider.WINDOW_HOP.name(), "1.0").build())) {
            List<EmotionReading> every = extractor.analyze(speech).windows();
            List<EmotionReading> fewer = slow.analyze(speech).windows();
            assertThat(fewer.size()).isLessThan(every.size());
            for (EmotionReading w : fewer) {
                // every window at a whole second is one the default hop scores too, with the same result
                if (w.span().time().start() % 1.0 < 1e-9) {
                    EmotionReading same = every.stream()
                            .filter(e -> Math.abs(e.span().time().start() - w.span().time().start()) < 1e-9).findFirst().orElseThrow();
                    assertThat(w.vector()).containsExactly(same.vector(), within(1e-4f));
                }
            }
        }
        assertThatThrownBy(() -> new GruVoiceProvider().create(
                ExtractorOptions.builder().property(GruVoiceProvider.WINDOW_HOP.name(), "0.03").build()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("multiple");
    }

    @Test
    void scoresSlidingWindowsWithTimesAndKeepsTheModelsOwnLabels() {
        VoiceAnalysis a = extractor.analyze(clip());
        assertThat(a.windows()).isNotEmpty();
        double previous = -1;
        for (EmotionReading w : a.windows()) {
            assertThat(w.span().time().start()).isGreaterThan(previous);
            assertThat(w.span().time().duration()).isCloseTo(2.0, within(1e-6));
            assertThat(w.modelScores().labels()).contains("neutral", "happy", "sad", "angry", "fearful", "disgust", "surprised");
            float sum = 0;
            for (float p : w.spectrum().probabilities()) {
                sum += p;
            }
            assertThat(sum).isCloseTo(1f, within(1e-4f));
            // a model with RAVDESS's calm folds it into neutral, not lost
            float calm = w.modelScores().labels().contains("calm") ? w.modelScores().score("calm") : 0f;
            assertThat(w.spectrum().probability(EmotionCategory.NEUTRAL))
                    .isCloseTo(calm + w.modelScores().score("neutral"), within(1e-4f));
            previous = w.span().time().start();
        }
        assertThat(a.summary().span().time().end()).isCloseTo(2.39, within(0.02));
        assertThat(a.summary().confidence()).isGreaterThan(0f);
    }

    @Test
    void silenceIsNotScored() {
        VoiceAnalysis a = extractor.analyze(AudioBuffer.of(new float[16_000 * 6], 1, 16_000));
        assertThat(a.windows()).isEmpty();
        assertThat(a.summary().confidence()).isZero();
        assertThat(a.summary().dominant()).isEqualTo(EmotionCategory.NEUTRAL);
    }

    @Test
    void aPureToneGetsLowConfidence() {
        VoiceAnalysis a = extractor.analyze(AudioBuffer.of(TestAudio.sine(220, 5, 22_050, 0.5), 1, 22_050));
        assertThat(a.windows()).allSatisfy(w -> assertThat(w.confidence()).isLessThan(0.1f));
        assertThat(a.summary().confidence()).isLessThan(0.1f);
    }

    @Test
    void theDefaultEnsembleReadsSevenCategoriesCalibrated() {
        VoiceAnalysis a = extractor.analyze(clip());
        assertThat(a.windows()).isNotEmpty();
        assertThat(a.summary().modelScores().labels()).hasSize(7).doesNotContain("calm");
        // calibrated on held-out speakers of five corpora: no window claims near-certainty
        assertThat(a.windows()).allSatisfy(w -> assertThat(w.confidence()).isBetween(0f, 0.9f));
    }

    /** On held-out actors: confidences that differ from clip to clip, higher where the reading is right. */
    @Test
    void theDefaultsConfidenceTracksWhetherItIsRight() {
        java.util.List<Double> right = new java.util.ArrayList<>();
        java.util.List<Double> wrong = new java.util.ArrayList<>();
        for (Path p : TestAudio.heldOut(3, java.util.Set.of())) {
            VoiceAnalysis a = extractor.analyze(p);
            String truth = TestAudio.RAVDESS_LABELS.get(Integer.parseInt(p.getFileName().toString().substring(6, 8)) - 1);
            truth = truth.equals("calm") ? "neutral" : truth;
            float[] s = a.summary().modelScores().scores();
            int best = 0;
            for (int j = 1; j < s.length; j++) {
                best = s[j] > s[best] ? j : best;
            }
            String read = a.summary().modelScores().labels().get(best);
            (read.equals(truth) ? right : wrong).add((double) a.summary().confidence());
        }
        assertThat(right).hasSizeGreaterThan(10);
        assertThat(wrong).hasSizeGreaterThan(10);
        java.util.List<Double> all = new java.util.ArrayList<>(right);
        all.addAll(wrong);
        assertThat(all.stream().map(c -> Math.round(c * 100)).distinct().count()).as("distinct confidences (0.01)").isGreaterThan(10);
        double meanRight = right.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double meanWrong = wrong.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(meanRight).as("mean confidence right %.3f vs wrong %.3f", meanRight, meanWrong).isGreaterThan(meanWrong + 0.05);
    }

    @Test
    void theMultiCorpusNetAloneIsSelectable() {
        ExtractorOptions o = ExtractorOptions.builder().option(GruVoiceProvider.VARIANT, GruVoiceProvider.SPEECH_GRU).build();
        try (VoiceEmotionExtractor speech = ProviderRegistry.voice().select(GruVoiceProvider.NAME).create(o)) {
            assertThat(speech.model().name()).isEqualTo("speech-gru");
            assertThat(((GruVoiceExtractor) speech).voiceModel().nets()).isEqualTo(1);
            VoiceAnalysis a = speech.analyze(clip());
            assertThat(a.windows()).isNotEmpty();
            assertThat(a.summary().modelScores().labels()).hasSize(7);
        }
    }

    @Test
    void theRavdessOnlyModelStaysSelectableWithItsEightLabels() {
        ExtractorOptions o = ExtractorOptions.builder().option(GruVoiceProvider.VARIANT, GruVoiceProvider.NAME).build();
        try (VoiceEmotionExtractor ravdess = ProviderRegistry.voice().select(GruVoiceProvider.NAME).create(o)) {
            assertThat(ravdess.model().name()).isEqualTo("ravdess-gru");
            VoiceAnalysis a = ravdess.analyze(clip());
            assertThat(a.windows()).isNotEmpty();
            assertThat(a.summary().modelScores().labels()).hasSize(8).contains("calm");
        }
    }

    /** White noise, a held chord, a melody of plucked notes and noise bursts at a syllable rate: none is speech. */
    @Test
    void noiseAndMusicGetLowConfidence() {
        int rate = 16_000;
        java.util.Random random = new java.util.Random(3);
        float[] white = new float[rate * 6];
        for (int i = 0; i < white.length; i++) {
            white[i] = (float) (0.1 * random.nextGaussian());
        }
        float[] chord = new float[rate * 6];
        for (double hz : new double[] {220, 277.18, 329.63, 440}) {
            float[] s = TestAudio.sine(hz, 6, rate, 0.15);
            for (int i = 0; i < chord.length; i++) {
                chord[i] += s[i];
            }
        }
        float[] melody = new float[rate * 6];
        double[] notes = {262, 294, 330, 349, 392, 440, 494, 523};
        int note = rate * 6 / 16;
        for (int n = 0; n < 16; n++) {
            for (int i = 0; i < note; i++) {
                double t = i / (double) rate;
                double env = Math.exp(-t * 6); // plucked: a sharp attack, then decay
                double f = notes[(n * 3) % notes.length];
                melody[n * note + i] = (float) (0.4 * env * (Math.sin(2 * Math.PI * f * t) + 0.5 * Math.sin(4 * Math.PI * f * t)));
            }
        }
        float[] bursts = new float[rate * 6];
        for (int i = 0; i < bursts.length; i++) {
            double gate = Math.max(0, Math.sin(2 * Math.PI * 4 * i / (double) rate)); // 4 bursts a second, like syllables
            bursts[i] = (float) (0.2 * gate * random.nextGaussian());
        }
        java.util.Map<String, float[]> inputs = new java.util.LinkedHashMap<>();
        inputs.put("white noise", white);
        inputs.put("chord", chord);
        inputs.put("melody", melody);
        inputs.put("noise bursts", bursts);
        for (var e : inputs.entrySet()) {
            VoiceAnalysis a = extractor.analyze(AudioBuffer.of(e.getValue(), 1, rate));
            System.out.printf("%s: %d windows, summary confidence %.3f%n", e.getKey(), a.windows().size(), a.summary().confidence());
            assertThat(a.summary().confidence()).as(e.getKey()).isLessThan(0.2f);
        }
    }

    @Test
    void clippedSpeechIsTrustedLessThanTheSameSpeechClean() {
        AudioBuffer clean = AudioFiles.read(clip());
        float[] x = clean.mono();
        float peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(-1f, Math.min(1f, x[i] * 8f / peak)); // 18 dB into clipping
        }
        VoiceAnalysis c = extractor.analyze(clean);
        VoiceAnalysis d = extractor.analyze(AudioBuffer.of(x, 1, clean.sampleRate()));
        assertThat(d.summary().confidence()).isLessThan(c.summary().confidence() * 0.5f);
    }

    @Test
    void badFilesGiveTypedErrorsAndTheExtractorKeepsWorking() throws Exception {
        Path empty = TestAudio.write(dir, "empty.wav", new byte[0]);
        Path corrupt = TestAudio.write(dir, "corrupt.wav", "RIFF\0\0\0\0WAVEfmt garbage".getBytes());
        byte[] pcm = new byte[3200];
        Path oneHz = TestAudio.write(dir, "1hz.wav", TestAudio.wavBytes(pcm, 1, 1, 16, 1, pcm.length));
        Path tenMHz = TestAudio.write(dir, "10mhz.wav", TestAudio.wavBytes(pcm, 1, 10_000_000, 16, 1, pcm.length));
        Path text = dir.resolve("readme.txt");
        Files.writeString(text, "no audio here\n".repeat(100));
        for (Path bad : List.of(empty, corrupt, oneHz, tenMHz, text, dir.resolve("missing.wav"))) {
            assertThatThrownBy(() -> extractor.analyze(bad)).as(bad.toString()).isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> extractor.analyze(AudioBuffer.of(new float[100], 1, 1)))
                .isInstanceOf(UnsupportedMediaException.class);
        assertThat(extractor.analyze(clip()).windows()).isNotEmpty();
    }

    @Test
    void aTenHourFileIsRefusedBeforeDecoding() throws Exception {
        long bytes = 10L * 3600 * 16_000 * 2;
        Path f = dir.resolve("ten-hours.wav");
        Files.write(f, TestAudio.wavBytes(new byte[0], 1, 16_000, 16, 1, bytes));
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(44 + bytes); // sparse: silence that takes no disk
        }
        assertThatThrownBy(() -> extractor.analyze(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("36000 s").hasMessageContaining("openStream");
    }

    @Test
    void aTelephoneStreamScoresWindowsAsTheyCompleteAndMatchesTheFileResult() {
        AudioBuffer wide = AudioFiles.read(clip());
        Resampler down = new Resampler(wide.sampleRate(), 8_000);
        float[] phone = ResamplerConcat.all(down, wide.mono());
        VoiceAnalysis whole = extractor.analyze(AudioBuffer.of(phone, 1, 8_000));

        List<EmotionReading> live = new ArrayList<>();
        List<Double> pushedWhenReported = new ArrayList<>();
        double[] pushed = {0};
        try (VoiceStream s = extractor.openStream(8_000, 1, r -> {
            live.add(r);
            pushedWhenReported.add(pushed[0]);
        })) {
            for (int i = 0; i < phone.length; i += 160) { // 20 ms packets
                float[] chunk = java.util.Arrays.copyOfRange(phone, i, Math.min(phone.length, i + 160));
                s.accept(AudioBuffer.of(chunk, 1, 8_000, i / 8000.0));
                pushed[0] = (i + chunk.length) / 8000.0;
            }
            assertThat(live).as("the first window is reported before the stream ends").isNotEmpty();
        }
        assertThat(live).hasSameSizeAs(whole.windows());
        for (int i = 0; i < live.size(); i++) {
            assertThat(live.get(i).vector()).containsExactly(whole.windows().get(i).vector(), within(1e-4f));
        }
        // a full window is reported within 50 ms of audio after its end (the frame's look-ahead)
        assertThat(live.get(0).span().time().end()).isLessThanOrEqualTo(pushedWhenReported.get(0))
                .isGreaterThan(pushedWhenReported.get(0) - 0.05);
    }

    @Test
    void nanSamplesAreRejectedAndTheStreamGoesOn() {
        float[] speech = AudioFiles.read(clip()).mono();
        List<EmotionReading> clean = new ArrayList<>();
        try (VoiceStream s = extractor.openStream(16_000, 1, clean::add)) {
            s.accept(AudioBuffer.of(speech, 1, 16_000));
        }
        List<EmotionReading> withBad = new ArrayList<>();
        try (VoiceStream s = extractor.openStream(16_000, 1, withBad::add)) {
            int half = speech.length / 2;
            s.accept(AudioBuffer.of(java.util.Arrays.copyOf(speech, half), 1, 16_000));
            float[] bad = new float[400];
            bad[123] = Float.NaN;
            assertThatThrownBy(() -> s.accept(AudioBuffer.of(bad, 1, 16_000))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("NaN").hasMessageContaining("123");
            assertThatThrownBy(() -> s.accept(AudioBuffer.of(new float[400], 2, 16_000)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("channels");
            s.accept(AudioBuffer.of(java.util.Arrays.copyOfRange(speech, half, speech.length), 1, 16_000));
        }
        assertThat(withBad).hasSameSizeAs(clean);
        for (int i = 0; i < clean.size(); i++) {
            assertThat(withBad.get(i).vector()).containsExactly(clean.get(i).vector(), within(1e-4f));
        }
    }

    @Test
    void concurrentCallersGetTheSameAnswers() throws Exception {
        Path f = clip();
        float[] expected = extractor.analyze(f).summary().vector();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> extractor.analyze(f).summary().vector()));
            }
            for (Future<float[]> r : results) {
                assertThat(r.get()).containsExactly(expected, within(1e-4f));
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Resampling a whole signal in one go. */
    static final class ResamplerConcat {
        static float[] all(Resampler r, float[] x) {
            float[] a = r.process(x);
            float[] b = r.flush();
            float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }
    }
}
