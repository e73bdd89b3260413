package io.emospectrum.audio.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.GRU;

import java.util.ArrayList;
import java.util.List;

/**
 * The recurrent net: frames stacked in groups of {@code stack} (a 10 ms frame rate is finer than
 * the GRU needs; stacking makes it {@code stack} times cheaper), a per-step projection, a GRU, mean
 * and max pooling over time, and a linear layer to the label logits. Input {@code (batch, frames,
 * windowDimension)} with frames a multiple of {@code stack}; output {@code (batch, labels)}.
 */
public final class VoiceNet {
    private VoiceNet() {
    }

    /**
     * The net of {@code c}: one branch, output {@code (batch, labels)}; or {@code c.branches()}
     * independent branches run side by side, output {@code (batch, branches, labels)}.
     */
    public static Block build(VoiceModelConfig c) {
        if (c.branches() <= 1) {
            return branch(c);
        }
        List<Block> branches = new ArrayList<>();
        for (int i = 0; i < c.branches(); i++) {
            branches.add(branch(c));
        }
        return new ParallelBlock(outs -> {
            NDList logits = new NDList();
            for (NDList o : outs) {
                logits.add(o.head().expandDims(1));
            }
            return new NDList(NDArrays.concat(logits, 1));
        }, branches);
    }

    private static Block branch(VoiceModelConfig c) {
        int stack = c.stack();
        return new SequentialBlock()
                .add(LambdaBlock.singleton(x -> {
                    long[] s = x.getShape().getShape();
                    return x.reshape(s[0], s[1] / stack, s[2] * stack);
                }, "stack_frames"))
                .add(Linear.builder().setUnits(c.projection()).build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(c.dropout()).build())
                .add(GRU.builder().setStateSize(c.hidden()).setNumLayers(c.layers()).optBidirectional(c.bidirectional())
                        .optBatchFirst(true).optDropRate(c.layers() > 1 ? c.dropout() : 0f).optReturnState(false).build())
                .add(new LambdaBlock(VoiceNet::pool, "mean_max_pool"))
                .add(Dropout.builder().optRate(c.dropout()).build())
                .add(Linear.builder().setUnits(c.labels().size()).build());
    }

    private static NDList pool(NDList in) {
        NDArray seq = in.head(); // (batch, steps, features)
        return new NDList(seq.mean(new int[] {1}).concat(seq.max(new int[] {1}), 1));
    }
}
