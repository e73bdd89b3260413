package io.emospectrum.audio.model;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import io.emospectrum.audio.features.FeatureConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VoiceNetTest {
    private static final List<String> LABELS = List.of("a", "b", "c", "d");

    private static VoiceModelConfig config(int branches) {
        return new VoiceModelConfig("t", "0", LABELS, FeatureConfig.DEFAULT, 20, 10, 2, 16, 8, 1, false, 0f, false, false,
                null, null, null, null, branches, 1f);
    }

    @Test
    void branchesGiveOneLogitRowEachAndTheTranslatorAveragesTheirProbabilities() throws Exception {
        int dim = FeatureConfig.DEFAULT.windowDimension();
        float[][] window = new float[20][dim];
        Random r = new Random(3);
        for (float[] row : window) {
            for (int d = 0; d < dim; d++) {
                row[d] = (float) r.nextGaussian();
            }
        }
        try (Model model = Model.newInstance("t", "PyTorch")) {
            Block net = VoiceNet.build(config(3));
            net.setInitializer(new NormalInitializer(0.5f), ai.djl.nn.Parameter.Type.WEIGHT);
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 20, dim));
            model.setBlock(net);
            try (NDManager m = model.getNDManager().newSubManager();
                 Predictor<float[][], float[]> p = model.newPredictor(new VoiceTranslator())) {
                NDArray logits = net.forward(new ParameterStore(m, false), new NDList(m.create(window).expandDims(0)), false)
                        .singletonOrThrow();
                assertThat(logits.getShape()).isEqualTo(new Shape(1, 3, LABELS.size()));
                float[][] perBranch = new float[3][];
                for (int b = 0; b < 3; b++) {
                    perBranch[b] = logits.get(0, b).softmax(-1).toFloatArray();
                }
                assertThat(perBranch[0]).as("branches start from their own weights").isNotEqualTo(perBranch[1]);

                float[] probs = p.predict(window);
                assertThat(probs).hasSize(LABELS.size());
                for (int k = 0; k < probs.length; k++) {
                    assertThat(probs[k]).isCloseTo((perBranch[0][k] + perBranch[1][k] + perBranch[2][k]) / 3, within(1e-5f));
                }
            }
        }
    }

    @Test
    void oneBranchIsThePlainNet() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Block net = VoiceNet.build(config(1));
            net.initialize(m, DataType.FLOAT32, new Shape(2, 20, FeatureConfig.DEFAULT.windowDimension()));
            NDArray out = net.forward(new ParameterStore(m, false),
                    new NDList(m.randomNormal(new Shape(2, 20, FeatureConfig.DEFAULT.windowDimension()))), false).singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(2, LABELS.size()));
        }
    }
}
