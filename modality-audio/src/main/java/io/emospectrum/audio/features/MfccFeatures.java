package io.emospectrum.audio.features;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.mfcc.MFCC;

/**
 * TarsosDSP's {@link MFCC} with c0 dropped (it is loudness, which {@link EnergyProcessor} measures).
 * TarsosDSP's MFCC windows and transforms the event's buffer in place, which would corrupt the
 * processors after it and the overlap the dispatcher carries into the next frame; this wrapper
 * restores the samples after each frame (a reused scratch buffer, no allocation per frame).
 */
public final class MfccFeatures implements AudioProcessor {
    private final MFCC mfcc;
    private final float[] last;
    private float[] scratch = new float[0];

    public MfccFeatures(FeatureConfig c) {
        this.mfcc = new MFCC(c.frameSize(), c.sampleRate(), c.mfccCount(), c.melFilters(), c.lowHz(), c.highHz());
        this.last = new float[c.mfccCount() - 1];
    }

    @Override
    public boolean process(AudioEvent event) {
        float[] buffer = event.getFloatBuffer();
        if (scratch.length != buffer.length) {
            scratch = new float[buffer.length];
        }
        System.arraycopy(buffer, 0, scratch, 0, buffer.length);
        mfcc.process(event);
        System.arraycopy(scratch, 0, buffer, 0, buffer.length);
        float[] m = mfcc.getMFCC();
        System.arraycopy(m, 1, last, 0, last.length);
        return true;
    }

    @Override
    public void processingFinished() {
        mfcc.processingFinished();
    }

    /** The last frame's coefficients; a buffer reused for every frame (copy to keep). */
    public float[] last() {
        return last;
    }
}
