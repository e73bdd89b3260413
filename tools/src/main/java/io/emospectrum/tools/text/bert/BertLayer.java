package io.emospectrum.tools.text.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.Map;

/**
 * One post-LayerNorm Transformer layer as in Hugging Face's {@code BertLayer}: masked multi-head
 * self-attention, residual + LayerNorm, a GELU (exact, erf) feed-forward, residual + LayerNorm.
 * Input {@code (hidden [B, T, H], additive mask [B, 1, 1, T])}; output {@code hidden}.
 */
final class BertLayer extends AbstractBlock {
    private final BertConfig config;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear attentionOut;
    private final LayerNorm attentionNorm;
    private final Linear intermediate;
    private final Linear output;
    private final LayerNorm outputNorm;

    BertLayer(BertConfig config) {
        this.config = config;
        query = addChildBlock("query", linear(config.hidden()));
        key = addChildBlock("key", linear(config.hidden()));
        value = addChildBlock("value", linear(config.hidden()));
        attentionOut = addChildBlock("attention_output", linear(config.hidden()));
        attentionNorm = addChildBlock("attention_norm", norm());
        intermediate = addChildBlock("intermediate", linear(config.intermediate()));
        output = addChildBlock("output", linear(config.hidden()));
        outputNorm = addChildBlock("output_norm", norm());
    }

    private static Linear linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    private static LayerNorm norm() {
        return LayerNorm.builder().axis(2).optEpsilon(BertConfig.LAYER_NORM_EPS).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray maskAdd = inputs.get(1);
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        int heads = config.heads();
        int d = config.headDim();
        NDArray q = heads(run(query, ps, x, training), b, t, heads, d);
        NDArray k = heads(run(key, ps, x, training), b, t, heads, d);
        NDArray v = heads(run(value, ps, x, training), b, t, heads, d);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div((float) Math.sqrt(d)).add(maskAdd);
        NDArray probs = Dropout.dropout(scores.softmax(-1), config.dropout(), training).singletonOrThrow();
        NDArray context = probs.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, config.hidden());
        NDArray attended = Dropout.dropout(run(attentionOut, ps, context, training), config.dropout(), training).singletonOrThrow();
        NDArray h = run(attentionNorm, ps, attended.add(x), training);
        NDArray ff = Activation.gelu(run(intermediate, ps, h, training));
        NDArray out = Dropout.dropout(run(output, ps, ff, training), config.dropout(), training).singletonOrThrow();
        return new NDList(run(outputNorm, ps, out.add(h), training));
    }

    private static NDArray heads(NDArray x, long b, long t, int heads, int d) {
        return x.reshape(b, t, heads, d).transpose(0, 2, 1, 3);
    }

    private static NDArray run(Block block, ParameterStore ps, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[]{inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape h = inputShapes[0];
        for (Block blk : new Block[]{query, key, value, attentionOut, attentionNorm, intermediate}) {
            blk.initialize(manager, dataType, h);
        }
        output.initialize(manager, dataType, new Shape(h.get(0), h.get(1), config.intermediate()));
        outputNorm.initialize(manager, dataType, h);
    }

    /** This layer's parameters under Hugging Face's names, with {@code prefix} = {@code encoder.layer.N.}. */
    void collect(String prefix, Map<String, Parameter> out) {
        collectLinear(prefix + "attention.self.query.", query, out);
        collectLinear(prefix + "attention.self.key.", key, out);
        collectLinear(prefix + "attention.self.value.", value, out);
        collectLinear(prefix + "attention.output.dense.", attentionOut, out);
        collectNorm(prefix + "attention.output.LayerNorm.", attentionNorm, out);
        collectLinear(prefix + "intermediate.dense.", intermediate, out);
        collectLinear(prefix + "output.dense.", output, out);
        collectNorm(prefix + "output.LayerNorm.", outputNorm, out);
    }

    static void collectLinear(String prefix, Linear l, Map<String, Parameter> out) {
        // DJL's Linear weight is [out, in], like PyTorch's nn.Linear.
        out.put(prefix + "weight", l.getParameters().get("weight"));
        out.put(prefix + "bias", l.getParameters().get("bias"));
    }

    static void collectNorm(String prefix, LayerNorm n, Map<String, Parameter> out) {
        out.put(prefix + "weight", n.getParameters().get("gamma"));
        out.put(prefix + "bias", n.getParameters().get("beta"));
    }
}
