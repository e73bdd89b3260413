package io.emospectrum.audio.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

/**
 * One window's normalized feature matrix {@code (frames, dimension)} in, label probabilities out.
 * Windows batched together must have the same number of frames.
 */
public final class VoiceTranslator implements Translator<float[][], float[]> {

    @Override
    public NDList processInput(TranslatorContext ctx, float[][] window) {
        return new NDList(ctx.getNDManager().create(window));
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        NDArray p = list.singletonOrThrow().softmax(-1);
        // A net with branches gives (branches, labels): their mean is the ensemble's probabilities.
        return (p.getShape().dimension() == 2 ? p.mean(new int[] {0}) : p).toFloatArray();
    }
}
