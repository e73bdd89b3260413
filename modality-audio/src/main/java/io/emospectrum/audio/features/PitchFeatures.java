package io.emospectrum.audio.features;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.pitch.PitchDetectionResult;
import be.tarsos.dsp.pitch.Yin;

/**
 * YIN pitch (TarsosDSP {@link Yin}) as voicing probability and octaves re 100 Hz. The frame is
 * halved in rate first (pairs averaged: a low-pass that keeps the voice's pitch range) because
 * YIN's cost grows with the square of its buffer; at 8 kHz it is a quarter. TarsosDSP's FFT form
 * of YIN is not used: with another FFT user in the same chain (MFCC) it reports every frame as
 * unpitched.
 */
public final class PitchFeatures implements AudioProcessor {
    /** Pitches outside the range of the human voice are treated as unvoiced. */
    private static final float MIN_HZ = 60f;
    private static final float MAX_HZ = 600f;

    private final Yin yin;
    private final float[] half;
    private float voicing;
    private float logPitch;

    public PitchFeatures(FeatureConfig c) {
        this.half = new float[c.frameSize() / 2];
        this.yin = new Yin(c.sampleRate() / 2f, half.length);
    }

    @Override
    public boolean process(AudioEvent event) {
        float[] b = event.getFloatBuffer();
        for (int i = 0; i < half.length; i++) {
            half[i] = 0.5f * (b[2 * i] + b[2 * i + 1]);
        }
        PitchDetectionResult r = yin.getPitch(half);
        float hz = r.getPitch();
        if (r.isPitched() && hz >= MIN_HZ && hz <= MAX_HZ) {
            voicing = r.getProbability();
            logPitch = (float) (Math.log(hz / 100.0) / Math.log(2));
        } else {
            voicing = 0f;
            logPitch = 0f;
        }
        return true;
    }

    @Override
    public void processingFinished() {
        // per-frame values only: nothing to flush
    }

    public float voicing() {
        return voicing;
    }

    public float logPitch() {
        return logPitch;
    }
}
