package io.emospectrum.fusion.call;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.VoiceEmotionExtractor;
import io.emospectrum.spi.VoiceStream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Scores one live call: a stereo (or multi-channel) stream whose channels are separate parties.
 * Each scored party gets its own {@link VoiceStream} from any {@link VoiceEmotionExtractor}; readings go to the listener as windows complete, on the
 * caller's thread, with the party's role as subject ({@code "customer"}, {@code "agent"}).
 *
 * <p><b>The agent is not scored unless {@link CallOptions#scoreAgent()} is on.</b> The EU AI Act
 * (Regulation (EU) 2024/1689, Article 5(1)(f)) prohibits inferring the emotions of people at
 * their workplace, which includes a call-center agent on a call; see {@link CallOptions}.
 *
 * <p>Not thread-safe: one producer per call. Memory per call is constant (a few seconds of frames
 * per party plus the scored windows kept for the summary).
 */
public final class CallAnalyzer implements AutoCloseable {
    /** Moments of strongest negative emotion kept per party. */
    public static final int MOMENTS = 3;

    private final int sampleRate;
    private final int channels;
    private final CallOptions options;
    private final Map<CallRole, VoiceStream> scorers = new EnumMap<>(CallRole.class);
    private final Map<CallRole, List<EmotionReading>> windows = new EnumMap<>(CallRole.class);
    /** Frames seen per party when the parties arrive separately ({@link #acceptParty}). */
    private final Map<CallRole, Long> partyFrames = new EnumMap<>(CallRole.class);
    private long frames;
    private boolean closed;

    public CallAnalyzer(VoiceEmotionExtractor extractor, int sampleRate, int channels, CallOptions options,
                        Consumer<EmotionReading> listener) {
        if (options.customerChannel() >= channels || options.agentChannel() >= channels) {
            throw new InvalidInputException("the call has " + channels + " channel(s) but the options name customer channel "
                    + options.customerChannel() + " and agent channel " + options.agentChannel());
        }
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.options = options;
        add(extractor, CallRole.CUSTOMER, listener);
        if (options.scoreAgent()) {
            add(extractor, CallRole.AGENT, listener);
        }
    }

    private void add(VoiceEmotionExtractor extractor, CallRole role, Consumer<EmotionReading> listener) {
        List<EmotionReading> kept = new ArrayList<>();
        windows.put(role, kept);
        scorers.put(role, extractor.openStream(sampleRate, 1, r -> {
            EmotionReading mine = r.toBuilder().subject(role.subject()).build();
            kept.add(mine);
            listener.accept(mine);
        }));
    }

    /** Pushes the next chunk of the call, interleaved, in the format given at construction. */
    public void accept(AudioBuffer chunk) {
        requireOpen();
        if (chunk.sampleRate() != sampleRate || chunk.channels() != channels) {
            throw new InvalidInputException("chunk is " + chunk.sampleRate() + " Hz x " + chunk.channels()
                    + " channels; the call was opened for " + sampleRate + " Hz x " + channels);
        }
        frames += chunk.frames();
        for (Map.Entry<CallRole, VoiceStream> e : scorers.entrySet()) {
            int ch = e.getKey() == CallRole.CUSTOMER ? options.customerChannel() : options.agentChannel();
            float[] party = chunk.channel(ch);
            requireFinite(party);
            e.getValue().accept(AudioBuffer.of(party, 1, sampleRate, chunk.startSeconds()));
        }
    }

    /**
     * Pushes the next mono chunk of one party, for sources that deliver each party as its own track
     * (telephony media streams) rather than interleaved. A party that is not scored (the agent,
     * unless turned on) is counted for the call's duration and otherwise dropped.
     */
    public void acceptParty(CallRole role, AudioBuffer mono) {
        requireOpen();
        if (mono.sampleRate() != sampleRate || mono.channels() != 1) {
            throw new InvalidInputException("a party's chunk is " + mono.sampleRate() + " Hz x " + mono.channels()
                    + " channels; it must be mono at the call's " + sampleRate + " Hz");
        }
        long seen = partyFrames.merge(role, (long) mono.frames(), Long::sum);
        frames = Math.max(frames, seen);
        VoiceStream s = scorers.get(role);
        if (s != null) {
            float[] x = mono.mono();
            requireFinite(x);
            s.accept(AudioBuffer.of(x, 1, sampleRate, mono.startSeconds()));
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the call is closed");
        }
    }

    private static void requireFinite(float[] s) {
        for (int i = 0; i < s.length; i++) {
            if (!Float.isFinite(s[i])) {
                throw new InvalidInputException("the chunk has a non-finite sample at index " + i
                        + "; samples must be finite floats in [-1, 1]");
            }
        }
    }

    /** Flushes the last windows of every party. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            scorers.values().forEach(VoiceStream::close);
        }
    }

    /** The summary of the call so far. */
    public CallSummary summary() {
        List<PartySummary> parties = new ArrayList<>();
        for (Map.Entry<CallRole, VoiceStream> e : scorers.entrySet()) {
            List<EmotionReading> w = List.copyOf(windows.get(e.getKey()));
            double meanValence = w.stream().mapToDouble(r -> r.spectrum().valence()).average().orElse(Double.NaN);
            EmotionReading overall = e.getValue().summary().toBuilder().subject(e.getKey().subject()).build();
            parties.add(new PartySummary(e.getKey(), overall, w.size(), meanValence,
                    strongestNegative(w), ValenceTrend.of(w)));
        }
        return new CallSummary(frames / (double) sampleRate, parties);
    }

    /** How negative a window is: the probability of the negative categories, times confidence. */
    public static double negativity(EmotionReading r) {
        var s = r.spectrum();
        return (s.probability(EmotionCategory.ANGER) + s.probability(EmotionCategory.SADNESS)
                + s.probability(EmotionCategory.FEAR) + s.probability(EmotionCategory.DISGUST)) * r.confidence();
    }

    static List<EmotionReading> strongestNegative(List<EmotionReading> windows) {
        List<EmotionReading> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparingDouble(CallAnalyzer::negativity).reversed());
        List<EmotionReading> out = new ArrayList<>();
        for (EmotionReading r : sorted) {
            if (out.size() == MOMENTS || negativity(r) <= 0) {
                break;
            }
            boolean overlaps = out.stream().anyMatch(o -> o.span().time().overlap(r.span().time()) > 0);
            if (!overlaps) {
                out.add(r);
            }
        }
        return out;
    }
}
