package io.emospectrum.fusion.call;

import io.emospectrum.audio.GruVoiceProvider;
import io.emospectrum.audio.TestAudio;
import io.emospectrum.audio.io.AudioFiles;
import io.emospectrum.audio.io.Resampler;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.VoiceEmotionExtractor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VoiceCallAnalyzerTest {
    private static final int RATE = 8_000;
    private VoiceEmotionExtractor extractor;

    @BeforeAll
    void load() {
        extractor = new GruVoiceProvider().create(ExtractorOptions.defaults());
    }

    @AfterAll
    void close() {
        extractor.close();
    }

    /** Held-out clips of the given RAVDESS labels, at telephone rate, one after another. */
    private static float[] speech(Set<String> labels, int count) {
        List<java.nio.file.Path> clips = TestAudio.heldOut(1, labels);
        float[] out = new float[0];
        for (int i = 0; i < count; i++) {
            AudioBuffer b = AudioFiles.read(clips.get((i * 7) % clips.size()));
            Resampler r = new Resampler(b.sampleRate(), RATE);
            float[] x = r.process(b.mono());
            int at = out.length;
            out = Arrays.copyOf(out, at + x.length);
            System.arraycopy(x, 0, out, at, x.length);
        }
        return out;
    }

    private static float[] stereo(float[] left, float[] right) {
        int n = Math.max(left.length, right.length);
        float[] s = new float[2 * n];
        for (int i = 0; i < n; i++) {
            s[2 * i] = i < left.length ? left[i] : 0f;
            s[2 * i + 1] = i < right.length ? right[i] : 0f;
        }
        return s;
    }

    private static CallSummary play(CallAnalyzer call, float[] stereo) {
        for (int i = 0; i < stereo.length; i += 2 * 160) { // 20 ms packets
            call.accept(AudioBuffer.of(Arrays.copyOfRange(stereo, i, Math.min(stereo.length, i + 2 * 160)), 2, RATE,
                    i / 2.0 / RATE));
        }
        call.close();
        return call.summary();
    }

    @Test
    void theAgentIsNotScoredUnlessTurnedOn() {
        float[] s = stereo(speech(Set.of("happy"), 3), speech(Set.of("angry"), 3));
        List<EmotionReading> live = new ArrayList<>();
        CallSummary summary = play(new CallAnalyzer(extractor, RATE, 2, CallOptions.builder().build(), live::add), s);

        assertThat(live).isNotEmpty().allSatisfy(r -> assertThat(r.subject()).isEqualTo("customer"));
        assertThat(summary.parties()).extracting(PartySummary::role).containsExactly(CallRole.CUSTOMER);
        assertThat(summary.durationSeconds()).isCloseTo(s.length / 2.0 / RATE, within(1e-6));

        List<EmotionReading> both = new ArrayList<>();
        CallSummary two = play(new CallAnalyzer(extractor, RATE, 2, CallOptions.builder().scoreAgent(true).build(), both::add), s);
        assertThat(both).extracting(EmotionReading::subject).contains("agent", "customer");
        assertThat(two.party(CallRole.AGENT)).isPresent();
    }

    @Test
    void anAngryCustomerIsMoreNegativeThanACheerfulAgent() {
        float[] agent = speech(Set.of("happy", "surprised", "calm"), 6);
        float[] customer = speech(Set.of("angry", "sad", "fearful", "disgust"), 6);
        CallSummary s = play(new CallAnalyzer(extractor, RATE, 2, CallOptions.builder().scoreAgent(true).build(), r -> { }),
                stereo(agent, customer));
        PartySummary c = s.party(CallRole.CUSTOMER).orElseThrow();
        PartySummary a = s.party(CallRole.AGENT).orElseThrow();
        assertThat(c.meanValence()).isLessThan(a.meanValence());
        assertThat(c.strongestNegative()).isNotEmpty().hasSizeLessThanOrEqualTo(CallAnalyzer.MOMENTS);
        for (int i = 1; i < c.strongestNegative().size(); i++) {
            assertThat(CallAnalyzer.negativity(c.strongestNegative().get(i)))
                    .isLessThanOrEqualTo(CallAnalyzer.negativity(c.strongestNegative().get(i - 1)));
            assertThat(c.strongestNegative().get(i).span().time().overlap(c.strongestNegative().get(0).span().time())).isZero();
        }
    }

    @Test
    void aCallThatTurnsSourIsATrendDownwards() {
        float[] pleasant = speech(Set.of("happy", "calm", "surprised"), 6);
        float[] sour = speech(Set.of("angry", "sad", "disgust"), 6);
        float[] customer = Arrays.copyOf(pleasant, pleasant.length + sour.length);
        System.arraycopy(sour, 0, customer, pleasant.length, sour.length);
        CallSummary s = play(new CallAnalyzer(extractor, RATE, 2, CallOptions.builder().build(), r -> { }),
                stereo(new float[customer.length], customer));
        ValenceTrend t = s.party(CallRole.CUSTOMER).orElseThrow().trend();
        assertThat(t.lastThird()).isLessThan(t.firstThird());
        assertThat(t.slopePerMinute()).isNegative();
    }

    @Test
    void optionsAndChunksAreChecked() {
        assertThatThrownBy(() -> CallOptions.builder().customerChannel(0).agentChannel(0).build())
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new CallAnalyzer(extractor, RATE, 1, CallOptions.builder().build(), r -> { }))
                .isInstanceOf(InvalidInputException.class);
        CallAnalyzer call = new CallAnalyzer(extractor, RATE, 2, CallOptions.builder().build(), r -> { });
        float[] bad = new float[320];
        bad[7] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> call.accept(AudioBuffer.of(bad, 2, RATE))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> call.accept(AudioBuffer.of(new float[320], 2, 16_000))).isInstanceOf(InvalidInputException.class);
        call.accept(AudioBuffer.of(new float[320], 2, RATE));
        call.close();
        assertThat(call.summary().party(CallRole.CUSTOMER).orElseThrow().scoredWindows()).isZero();
    }
}
