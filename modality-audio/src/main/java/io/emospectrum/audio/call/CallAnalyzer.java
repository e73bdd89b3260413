package io.emospectrum.audio.call;

import io.emospectrum.audio.stream.Samples;
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
        if (closed) {
            throw new IllegalStateException("the call is closed");
        }
        if (chunk.sampleRate() != sampleRate || chunk.channels() != channels) {
            throw new InvalidInputException("chunk is " + chunk.sampleRate() + " Hz x " + chunk.channels()
                    + " channels; the call was opened for " + sampleRate + " Hz x " + channels);
        }
        float[] s = new float[chunk.samples().remaining()];
        chunk.samples().get(s);
        Samples.requireFinite(s, "the chunk");
        frames += s.length / channels;
        for (Map.Entry<CallRole, VoiceStream> e : scorers.entrySet()) {
            int ch = e.getKey() == CallRole.CUSTOMER ? options.customerChannel() : options.agentChannel();
            e.getValue().accept(AudioBuffer.of(Samples.channel(s, channels, ch), 1, sampleRate, chunk.startSeconds()));
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
