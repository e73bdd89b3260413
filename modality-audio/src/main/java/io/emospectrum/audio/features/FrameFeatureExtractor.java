package io.emospectrum.audio.features;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.io.jvm.AudioDispatcherFactory;
import io.emospectrum.error.ExtractionException;

import javax.sound.sampled.UnsupportedAudioFileException;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Turns a mono stream at {@link FeatureConfig#sampleRate()} into frame features, chunk by chunk:
 * a TarsosDSP {@link AudioDispatcher} runs {@link MfccFeatures}, {@link PitchFeatures} and
 * {@link EnergyProcessor} over every whole frame that the samples so far complete, and a last
 * processor hands each frame to the sink. Samples of an unfinished frame wait for the next chunk,
 * so chunked input gives the same frames as one-shot input. Not thread-safe: one per stream.
 */
public final class FrameFeatureExtractor {
    private final FeatureConfig config;
    private final MfccFeatures mfcc;
    private final PitchFeatures pitch;
    private final EnergyProcessor energy;
    private final AudioProcessor collector;
    private final Consumer<FrameFeatures> sink;
    private float[] pending = new float[0];
    private int pendingLen;
    private long frames;

    public FrameFeatureExtractor(FeatureConfig config, Consumer<FrameFeatures> sink) {
        this.config = config;
        this.sink = sink;
        this.mfcc = new MfccFeatures(config);
        this.pitch = new PitchFeatures(config);
        this.energy = new EnergyProcessor();
        this.collector = new AudioProcessor() {
            @Override
            public boolean process(AudioEvent event) {
                frames++;
                sink.accept(new FrameFeatures(mfcc.last().clone(), energy.energyDb(), pitch.voicing(), pitch.logPitch(),
                        energy.clipped()));
                return true;
            }

            @Override
            public void processingFinished() {
                // frames leave one by one in process(); nothing is held back
            }
        };
    }

    public FeatureConfig config() {
        return config;
    }

    /** Frames emitted so far. */
    public long frameCount() {
        return frames;
    }

    /** Adds samples (mono, at the config's rate, in [-1, 1]) and emits every frame they complete. */
    public void accept(float[] samples) {
        if (pendingLen + samples.length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pendingLen + samples.length, pending.length * 2));
        }
        System.arraycopy(samples, 0, pending, pendingLen, samples.length);
        pendingLen += samples.length;
        int size = config.frameSize();
        int hop = config.hop();
        if (pendingLen < size) {
            return;
        }
        int count = (pendingLen - size) / hop + 1;
        int span = size + (count - 1) * hop;
        AudioDispatcher d;
        try {
            d = AudioDispatcherFactory.fromFloatArray(Arrays.copyOf(pending, span), config.sampleRate(), size, size - hop);
        } catch (UnsupportedAudioFileException e) {
            throw new ExtractionException("TarsosDSP refused a mono float stream: " + e.getMessage(), e);
        }
        d.setZeroPadLastBuffer(false); // the span holds whole frames only; the rest waits for more samples
        d.addAudioProcessor(mfcc);
        d.addAudioProcessor(pitch);
        d.addAudioProcessor(energy);
        d.addAudioProcessor(collector);
        d.run();
        int consumed = count * hop;
        System.arraycopy(pending, consumed, pending, 0, pendingLen - consumed);
        pendingLen -= consumed;
    }
}
