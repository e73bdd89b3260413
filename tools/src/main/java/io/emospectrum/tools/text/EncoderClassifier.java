package io.emospectrum.tools.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.emospectrum.tools.text.bert.BertEncoder;
import io.emospectrum.tools.text.bert.MeanClsPooling;

/**
 * What fine-tuning trains end to end: the {@link BertEncoder}, mean + CLS pooling, and the emotion
 * head. Input {@code (ids, typeIds, mask)}; output one logit per label.
 */
final class EncoderClassifier extends AbstractBlock {
    private final BertEncoder encoder;
    private final Block head;

    EncoderClassifier(BertEncoder encoder, Block head) {
        this.encoder = addChildBlock("encoder", encoder);
        this.head = addChildBlock("head", head);
    }

    BertEncoder encoder() {
        return encoder;
    }

    Block head() {
        return head;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = encoder.forward(ps, inputs, training).singletonOrThrow();
        NDArray pooled = MeanClsPooling.pool(hidden, inputs.get(2));
        return head.forward(ps, new NDList(pooled), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(new Shape[]{new Shape(inputShapes[0].get(0), 2L * encoder.config().hidden())});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
        head.initialize(manager, dataType, new Shape(inputShapes[0].get(0), 2L * encoder.config().hidden()));
    }
}
