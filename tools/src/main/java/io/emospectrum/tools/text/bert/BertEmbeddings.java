package io.emospectrum.tools.text.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.Map;

/** Word + position + token-type embeddings, LayerNorm, dropout: input {@code (ids, typeIds)}, both {@code [B, T]}. */
final class BertEmbeddings extends AbstractBlock {
    private final BertConfig config;
    private final Parameter word;
    private final Parameter position;
    private final Parameter tokenType;
    private final LayerNorm norm;

    BertEmbeddings(BertConfig config) {
        this.config = config;
        word = addParameter(Parameter.builder().setName("word_embeddings").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.vocabSize(), config.hidden())).build());
        position = addParameter(Parameter.builder().setName("position_embeddings").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.maxPositions(), config.hidden())).build());
        tokenType = addParameter(Parameter.builder().setName("token_type_embeddings").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.typeVocab(), config.hidden())).build());
        norm = addChildBlock("LayerNorm", LayerNorm.builder().axis(2).optEpsilon(BertConfig.LAYER_NORM_EPS).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray types = inputs.get(1);
        NDArray w = ps.getValue(word, ids.getDevice(), training);
        NDArray p = ps.getValue(position, ids.getDevice(), training);
        NDArray t = ps.getValue(tokenType, ids.getDevice(), training);
        long seq = ids.getShape().get(1);
        NDArray positions = ids.getManager().arange(0, seq, 1, DataType.INT64).expandDims(0);
        NDArray x = Embedding.embedding(ids, w, SparseFormat.DENSE).singletonOrThrow()
                .add(Embedding.embedding(types, t, SparseFormat.DENSE).singletonOrThrow())
                .add(Embedding.embedding(positions, p, SparseFormat.DENSE).singletonOrThrow());
        x = norm.forward(ps, new NDList(x), training).singletonOrThrow();
        return Dropout.dropout(x, config.dropout(), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[]{new Shape(in.get(0), in.get(1), config.hidden())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, getOutputShapes(inputShapes));
    }

    void collect(String prefix, Map<String, Parameter> out) {
        out.put(prefix + "word_embeddings.weight", word);
        out.put(prefix + "position_embeddings.weight", position);
        out.put(prefix + "token_type_embeddings.weight", tokenType);
        BertLayer.collectNorm(prefix + "LayerNorm.", norm, out);
    }
}
