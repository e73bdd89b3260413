package io.emospectrum.image.tfjs;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.model.ModelSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The expression network converted to ONNX gives the PyTorch import's scores on onnxruntime (both
 * against TF.js: {@link TfjsParityTest}); graphs with ops the converter does not translate are
 * named and refused.
 */
class TfjsOnnxConverterTest {
    private static final TfjsModelLoader LOADER = TfjsModelLoader.withDefaultCache();

    private static TfjsGraph graph(String dir, String json) {
        return LOADER.read(ModelSource.classpath("io/emospectrum/image/models/" + dir, TfjsModelLoader.class), json);
    }

    private static float[] run(Model model, float[] input, Shape shape) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDList out = model.getBlock().forward(new ParameterStore(m, false), new NDList(m.create(input, shape)), false);
            assertThat(out).hasSize(1);
            return out.get(0).toFloatArray();
        }
    }

    @Test
    void fineTunedNetworkGivesThePyTorchImportsScores() {
        TfjsGraph g = graph("mini-xception-ft", "emotion.json");
        int side = 64;
        {
            int n = 9;
            Shape shape = new Shape(n, side, side, 1);
            float[] input = TfjsParityTest.lcg((int) shape.size(), 7, -1f, 1f);
            float[] onnx;
            float[] torch;
            try (Model m = LOADER.loadOnnx(g, Map.of("intraOpNumThreads", "1"))) {
                onnx = run(m, input, shape);
            }
            try (Model m = LOADER.load(g, DeviceChoice.CPU, false)) {
                torch = run(m, input, shape);
            }
            assertThat(onnx).hasSize(n * 7);
            float maxDiff = 0;
            for (int k = 0; k < onnx.length; k++) {
                maxDiff = Math.max(maxDiff, Math.abs(onnx[k] - torch[k]));
            }
            assertThat(maxDiff).as("max |onnxruntime - PyTorch|").isLessThan(1e-4f);
            for (int i = 0; i < n; i++) {
                float sum = 0;
                for (int k = 0; k < 7; k++) {
                    sum += onnx[i * 7 + k];
                }
                assertThat(sum).as("softmax row %d", i).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
    }

    @Test
    void graphsWithUntranslatedOpsAreNamedAndRefused(@TempDir Path dir) throws IOException {
        assertThat(TfjsOnnxConverter.unsupportedOps(graph("mini-xception", "emotion.json"))).isEmpty();
        assertThat(TfjsOnnxConverter.unsupportedOps(graph("blazeface", "blazeface.json"))).isEmpty();
        TfjsGraph erf = TfjsGraphTest.erfGraph(dir);
        assertThat(TfjsOnnxConverter.unsupportedOps(erf)).containsExactly("Erf");
        assertThatThrownBy(() -> TfjsOnnxConverter.convert(erf)).isInstanceOf(ModelLoadException.class).hasMessageContaining("Erf");
        // auto hands such a graph to the PyTorch importer, which refuses Erf too, naming it
        assertThatThrownBy(() -> LOADER.loadForInference(erf, DeviceChoice.CPU, "auto", "engine"))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("TF.js importer").hasMessageContaining("Erf");
        assertThatThrownBy(() -> LOADER.loadForInference(erf, DeviceChoice.CPU, "onnxruntime", "engine"))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("Erf");
        assertThatThrownBy(() -> LOADER.loadForInference(erf, DeviceChoice.CPU, "tensorflow", "engine"))
                .isInstanceOf(io.emospectrum.error.ConfigurationException.class).hasMessageContaining("auto, onnxruntime or pytorch");
    }
}
