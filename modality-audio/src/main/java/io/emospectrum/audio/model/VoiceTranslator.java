package io.emospectrum.audio.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

/**
 * One window's normalized feature matrix {@code (frames, dimension)} in, label probabilities out.
 * Windows batched together must have the same number of frames. A calibrated model divides the
 * logits by its temperature first.
 */
public final class VoiceTranslator implements Translator<float[][], float[]> {
    private final float temperature;

    /** Uncalibrated: the net's own softmax. */
    public VoiceTranslator() {
        this(1f);
    }

    /** @param temperature the logits are divided by it before the softmax (calibration; 1 leaves them as they are) */
    public VoiceTranslator(float temperature) {
        if (!(temperature > 0f)) {
            throw new IllegalArgumentException("temperature must be positive: " + temperature);
        }
        this.temperature = temperature;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, float[][] window) {
        return new NDList(ctx.getNDManager().create(window));
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        NDArray logits = list.singletonOrThrow();
        NDArray p = (temperature == 1f ? logits : logits.div(temperature)).softmax(-1);
        // A net with branches gives (branches, labels): their mean is the ensemble's probabilities.
        return (p.getShape().dimension() == 2 ? p.mean(new int[] {0}) : p).toFloatArray();
    }
}
