package io.emospectrum.image.tfjs;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.model.ModelSource;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The expression network converted to ONNX computes what TensorFlow.js and the PyTorch import
 * compute, on onnxruntime; graphs with ops it does not translate are named and refused.
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
    void importedNetworkOnOnnxRuntimeMatchesTensorFlowJs() throws Exception {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/parity/mini-xception.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        JsonNode spec = fixture.get("input");
        long[] dims = new long[spec.get("shape").size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = spec.get("shape").get(i).asLong();
        }
        Shape shape = new Shape(dims);
        float[] input = TfjsParityTest.lcg((int) shape.size(), spec.get("seed").asLong(), (float) spec.get("lo").asDouble(),
                (float) spec.get("hi").asDouble());
        float[] want = TfjsParityTest.floats(fixture.get("outputs").get(0).get("data").asText());
        try (Model onnx = LOADER.loadOnnx(graph("mini-xception", "emotion.json"), Map.of())) {
            assertThat(onnx.getNDManager().getEngine().getEngineName()).isEqualTo(TfjsModelLoader.ONNX_ENGINE);
            float[] got = run(onnx, input, shape);
            assertThat(got).hasSameSizeAs(want);
            for (int k = 0; k < want.length; k++) {
                assertThat(got[k]).as("output %d", k).isCloseTo(want[k], org.assertj.core.data.Offset.offset(1e-4f));
            }
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
    void graphsWithUntranslatedOpsAreNamedAndRefused() {
        TfjsGraph blazeFace = graph("blazeface-front", "blazeface-front.json");
        assertThat(TfjsOnnxConverter.unsupportedOps(blazeFace)).contains("Pad", "Reshape");
        assertThat(TfjsOnnxConverter.unsupportedOps(graph("mini-xception", "emotion.json"))).isEmpty();
        assertThatThrownBy(() -> TfjsOnnxConverter.convert(blazeFace))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("Pad").hasMessageContaining("Reshape");
    }
}
