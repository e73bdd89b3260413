package io.emospectrum.audio.features;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;

/** Frame level in dBFS and the fraction of clipped samples; keeps only the last frame's values. */
public final class EnergyProcessor implements AudioProcessor {
    private static final float CLIP_LEVEL = 0.985f;
    private float energyDb;
    private float clipped;

    @Override
    public boolean process(AudioEvent event) {
        float[] b = event.getFloatBuffer();
        double sum = 0;
        int clip = 0;
        for (float x : b) {
            sum += x * x;
            if (Math.abs(x) >= CLIP_LEVEL) {
                clip++;
            }
        }
        double rms = Math.sqrt(sum / b.length);
        energyDb = (float) (20 * Math.log10(Math.max(rms, 1e-5))); // floor at -100 dBFS
        clipped = clip / (float) b.length;
        return true;
    }

    @Override
    public void processingFinished() {
        // stateless between streams: nothing to flush
    }

    public float energyDb() {
        return energyDb;
    }

    public float clipped() {
        return clipped;
    }
}
