package io.emospectrum.text.head;

import io.emospectrum.device.DeviceChoice;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelSource;
import io.emospectrum.text.TextModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped heads' ONNX graphs compute what their PyTorch parameters compute, and inference uses the graph. */
class HeadGraphTest {
    @ParameterizedTest
    @ValueSource(strings = {"fp32", "int8"})
    void onnxGraphMatchesTheTrainedParameters(String variant) {
        Path dir = ModelFiles.defaultCache().materialize(ModelSource.classpath(TextModels.VARIANTS.get(variant), TextModels.class), true);
        HeadConfig config = HeadConfig.read(dir.resolve("head.json"));
        float[][] x = new float[40][config.inputDim()];
        Random r = new Random(3);
        for (float[] row : x) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) r.nextGaussian() * 0.5f;
            }
        }
        Path weights = TextModels.headWeights(ModelFiles.defaultCache(), dir);
        assertThat(weights).as("the variants share one head").isNotEqualTo(dir);
        try (HeadClassifier graph = HeadClassifier.load(weights, config, DeviceChoice.CPU);
             HeadClassifier params = HeadClassifier.loadParams(weights, config, DeviceChoice.CPU)) {
            assertThat(graph.engine()).isEqualTo("OnnxRuntime");
            assertThat(params.engine()).isEqualTo("PyTorch");
            float[][] a = graph.predict(x);
            float[][] b = params.predict(x);
            double maxDiff = 0;
            double spread = 0;
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).hasSize(config.labels().size());
                for (int j = 0; j < a[i].length; j++) {
                    maxDiff = Math.max(maxDiff, Math.abs(a[i][j] - b[i][j]));
                    spread = Math.max(spread, Math.abs(a[i][j] - a[0][j]));
                }
            }
            assertThat(spread).as("different rows get different probabilities").isGreaterThan(0.05);
            assertThat(maxDiff).as("ONNX head vs PyTorch head").isLessThan(1e-5);
        }
    }
}
