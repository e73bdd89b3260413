package io.emospectrum.text.head;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;

/**
 * The emotion head on top of the frozen encoder: a one-hidden-layer perceptron from pooled
 * features to one logit per GoEmotions label (multi-label, so a sigmoid per label, applied by
 * the caller). Its shape is recorded in {@link HeadConfig} so that the trained parameters load
 * into the same structure.
 */
public final class EmotionHead {
    private EmotionHead() {
    }

    public static Block build(HeadConfig config) {
        return build(config.hidden(), config.labels().size(), config.dropout());
    }

    public static Block build(int hidden, int labels, float dropout) {
        SequentialBlock b = new SequentialBlock();
        if (hidden > 0) {
            b.add(Linear.builder().setUnits(hidden).build())
                    .add(Activation::gelu)
                    .add(Dropout.builder().optRate(dropout).build());
        }
        b.add(Linear.builder().setUnits(labels).build());
        return b;
    }
}
