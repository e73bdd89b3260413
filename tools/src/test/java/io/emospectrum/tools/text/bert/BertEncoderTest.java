package io.emospectrum.tools.text.bert;

import io.emospectrum.model.ModelFiles;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.text.TextModels;
import io.emospectrum.text.encoder.BundledEncoderFiles;
import io.emospectrum.text.encoder.SentenceEncoder;
import io.emospectrum.text.encoder.TokenBatch;
import io.emospectrum.text.onnx.OnnxBertWeights;
import io.emospectrum.text.onnx.OnnxGraph;
import io.emospectrum.text.tokenize.TextTokenizer;
import io.emospectrum.text.tokenize.TokenWindow;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BertEncoderTest {
    private static final List<String> SENTENCES = List.of(
            "I am so happy today!",
            "My grandmother died last night and I miss her so much.",
            "Wow, I did not expect that at all, what a twist in the story of this long and winding road trip.",
            "ok");

    @Test
    void theDjlBlockWithTheOnnxWeightsPoolsLikeTheOnnxEncoder() {
        String name = TextModels.DEFAULT_ENCODER;
        Path dir = BundledEncoderFiles.materialize(TextModels.encoderManifest(name), getClass().getClassLoader(), ModelFiles.defaultCache().directory());
        List<TokenWindow> windows = new ArrayList<>();
        float[][] expected;
        try (TextTokenizer tok = TextTokenizer.load(dir.resolve(name + "-tokenizer.json"), 128, 0);
             SentenceEncoder onnx = SentenceEncoder.load(dir, name, DeviceChoice.parse("cpu"))) {
            for (List<TokenWindow> w : tok.windowsAll(SENTENCES)) {
                windows.add(w.get(0));
            }
            expected = onnx.encode(TokenBatch.of(windows, tok.padId()));
        }
        TokenBatch batch = TokenBatch.of(windows, 0);
        OnnxBertWeights weights = OnnxBertWeights.of(OnnxGraph.read(dir.resolve(name + ".onnx")));
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
            BertEncoder encoder = new BertEncoder(BertConfig.MINILM_L6_H384);
            BertWeightsLoader.load(encoder, m, weights);
            NDArray mask = m.create(batch.mask());
            NDArray hidden = encoder.forward(new ParameterStore(m, false),
                    new NDList(m.create(batch.ids()), m.create(batch.typeIds()), mask), false).singletonOrThrow();
            float[] pooled = MeanClsPooling.pool(hidden, mask).toFloatArray();
            int d = expected[0].length;
            assertThat(pooled).hasSize(expected.length * d);
            double maxDiff = 0;
            for (int i = 0; i < expected.length; i++) {
                for (int j = 0; j < d; j++) {
                    maxDiff = Math.max(maxDiff, Math.abs(pooled[i * d + j] - expected[i][j]));
                }
            }
            assertThat(maxDiff).as("largest difference from the ONNX encoder's pooled features").isLessThan(1e-4);
            assertThat(expected[0][0]).isNotEqualTo(expected[1][0]); // real, distinct features
        }
    }
}
