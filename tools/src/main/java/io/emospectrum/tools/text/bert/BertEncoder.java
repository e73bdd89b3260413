package io.emospectrum.tools.text.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT encoder (Hugging Face {@code BertModel} without the pooler) as a DJL block, so that it
 * can be trained on DJL's PyTorch engine. Input {@code (ids, typeIds, mask)}, each {@code [B, T]}
 * int64; output the last hidden states {@code [B, T, H]}. {@link #parametersByHfName()} names each
 * parameter as Hugging Face does, which is how weights come in from and go back to ONNX.
 */
public final class BertEncoder extends AbstractBlock {
    private final BertConfig config;
    private final BertEmbeddings embeddings;
    private final List<BertLayer> layers = new ArrayList<>();

    public BertEncoder(BertConfig config) {
        this.config = config;
        embeddings = addChildBlock("embeddings", new BertEmbeddings(config));
        for (int i = 0; i < config.layers(); i++) {
            layers.add(addChildBlock("layer" + i, new BertLayer(config)));
        }
    }

    public BertConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray types = inputs.get(1);
        NDArray mask = inputs.get(2);
        // 0 where a token is real, a large negative number where it is padding: softmax then ignores it.
        NDArray maskAdd = mask.toType(DataType.FLOAT32, false).sub(1f).mul(1e9f).expandDims(1).expandDims(1);
        NDArray h = embeddings.forward(ps, new NDList(ids, types), training).singletonOrThrow();
        for (BertLayer layer : layers) {
            h = layer.forward(ps, new NDList(h, maskAdd), training).singletonOrThrow();
        }
        return new NDList(h);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[]{new Shape(in.get(0), in.get(1), config.hidden())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        embeddings.initialize(manager, dataType, inputShapes[0], inputShapes[1]);
        Shape h = getOutputShapes(inputShapes)[0];
        for (BertLayer layer : layers) {
            layer.initialize(manager, dataType, h, new Shape(h.get(0), 1, 1, h.get(1)));
        }
    }

    /** Every parameter under its Hugging Face name ({@code embeddings.word_embeddings.weight}, {@code encoder.layer.0.attention.self.query.weight}, ...). */
    public Map<String, Parameter> parametersByHfName() {
        Map<String, Parameter> m = new LinkedHashMap<>();
        embeddings.collect("embeddings.", m);
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).collect("encoder.layer." + i + ".", m);
        }
        return m;
    }

    /** Freezes (no gradient, no update) the embeddings and the layers below {@code firstTrainedLayer}. */
    public void freezeBelow(int firstTrainedLayer) {
        embeddings.freezeParameters(true);
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).freezeParameters(i < firstTrainedLayer);
        }
    }
}
