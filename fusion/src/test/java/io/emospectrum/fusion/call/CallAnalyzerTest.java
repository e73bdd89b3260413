package io.emospectrum.fusion.call;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.testing.LoudnessVoiceExtractor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The call layer over any voice extractor (here the SDK's test extractor: one reading per loud second). */
class CallAnalyzerTest {
    private static final int RATE = 8_000;

    private static float[] tone(double seconds, double amplitude) {
        float[] x = new float[(int) (seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * 220 * i / RATE));
        }
        return x;
    }

    private static void feed(CallAnalyzer call, CallRole role, float[] mono) {
        for (int i = 0; i < mono.length; i += 160) {
            call.acceptParty(role, AudioBuffer.of(Arrays.copyOfRange(mono, i, Math.min(mono.length, i + 160)), 1, RATE));
        }
    }

    @Test
    void partiesFedSeparatelyAreScoredAsTheirRoles() {
        List<EmotionReading> got = new ArrayList<>();
        try (LoudnessVoiceExtractor voice = new LoudnessVoiceExtractor();
             CallAnalyzer call = new CallAnalyzer(voice, RATE, 2, CallOptions.builder().customerChannel(0).agentChannel(1)
                     .scoreAgent(true).build(), got::add)) {
            feed(call, CallRole.CUSTOMER, tone(3, 0.5));
            feed(call, CallRole.AGENT, tone(2, 0.5));
            call.close();
            CallSummary s = call.summary();
            assertThat(got).extracting(EmotionReading::subject).containsOnly("customer", "agent");
            assertThat(got.stream().filter(r -> r.subject().equals("customer"))).hasSize(3);
            assertThat(got.stream().filter(r -> r.subject().equals("agent"))).hasSize(2);
            assertThat(s.durationSeconds()).isCloseTo(3.0, within(1e-9));
            assertThat(s.party(CallRole.AGENT).orElseThrow().scoredWindows()).isEqualTo(2);
        }
    }

    @Test
    void anAgentTrackIsCountedButNotScoredUnlessTurnedOn() {
        List<EmotionReading> got = new ArrayList<>();
        try (LoudnessVoiceExtractor voice = new LoudnessVoiceExtractor();
             CallAnalyzer call = new CallAnalyzer(voice, RATE, 2, CallOptions.builder().customerChannel(0).agentChannel(1).build(),
                     got::add)) {
            feed(call, CallRole.AGENT, tone(4, 0.5));
            feed(call, CallRole.CUSTOMER, tone(1, 0.5));
            call.close();
            assertThat(got).extracting(EmotionReading::subject).containsOnly("customer");
            assertThat(call.summary().parties()).hasSize(1);
            assertThat(call.summary().durationSeconds()).isCloseTo(4.0, within(1e-9));
        }
    }

    @Test
    void interleavedChunksAreSplitByChannel() {
        List<EmotionReading> got = new ArrayList<>();
        float[] loud = tone(2, 0.5);
        float[] stereo = new float[loud.length * 2];
        for (int i = 0; i < loud.length; i++) {
            stereo[2 * i + 1] = loud[i]; // customer on the right, silent agent on the left
        }
        try (LoudnessVoiceExtractor voice = new LoudnessVoiceExtractor();
             CallAnalyzer call = new CallAnalyzer(voice, RATE, 2, CallOptions.builder().scoreAgent(true).build(), got::add)) {
            call.accept(AudioBuffer.of(stereo, 2, RATE));
            call.close();
            assertThat(got).extracting(EmotionReading::subject).containsOnly("customer").hasSize(2);
        }
    }

    @Test
    void badChunksAreRefusedAndTheCallGoesOn() {
        List<EmotionReading> got = new ArrayList<>();
        try (LoudnessVoiceExtractor voice = new LoudnessVoiceExtractor();
             CallAnalyzer call = new CallAnalyzer(voice, RATE, 1, CallOptions.builder().customerChannel(0).agentChannel(-1).build(),
                     got::add)) {
            assertThatThrownBy(() -> call.acceptParty(CallRole.CUSTOMER, AudioBuffer.of(new float[320], 2, RATE)))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> call.acceptParty(CallRole.CUSTOMER, AudioBuffer.of(new float[] {Float.NaN}, 1, RATE)))
                    .isInstanceOf(InvalidInputException.class);
            feed(call, CallRole.CUSTOMER, tone(1, 0.5));
            call.close();
            assertThat(got).hasSize(1);
        }
    }
}
