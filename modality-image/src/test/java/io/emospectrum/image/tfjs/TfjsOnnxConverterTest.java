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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The imported graphs converted to ONNX compute what TensorFlow.js and the PyTorch import compute,
 * on onnxruntime; graphs with ops the converter does not translate are named and refused.
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

    /** Both graphs with TF.js fixtures (the same ones as {@link TfjsParityTest}), converted, on onnxruntime. */
    @ParameterizedTest
    @CsvSource({"mini-xception, emotion.json", "blazeface-front, blazeface-front.json"})
    void convertedGraphsOnOnnxRuntimeMatchTensorFlowJs(String dir, String json) throws Exception {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/parity/" + dir + ".json")) {
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
        try (Model onnx = LOADER.loadOnnx(graph(dir, json), Map.of());
             NDManager m = onnx.getNDManager().newSubManager()) {
            assertThat(onnx.getNDManager().getEngine().getEngineName()).isEqualTo(TfjsModelLoader.ONNX_ENGINE);
            NDList out = onnx.getBlock().forward(new ParameterStore(m, false), new NDList(m.create(input, shape)), false);
            JsonNode expected = fixture.get("outputs");
            assertThat(out).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                JsonNode e = expected.get(i);
                long[] eShape = new long[e.get("shape").size()];
                for (int k = 0; k < eShape.length; k++) {
                    eShape[k] = e.get("shape").get(k).asLong();
                }
                assertThat(out.get(i).getShape()).as(e.get("name").asText()).isEqualTo(new Shape(eShape));
                float[] want = TfjsParityTest.floats(e.get("data").asText());
                float[] got = out.get(i).toFloatArray();
                float maxDiff = 0;
                for (int k = 0; k < want.length; k++) {
                    maxDiff = Math.max(maxDiff, Math.abs(want[k] - got[k]));
                }
                assertThat(maxDiff).as("max |onnxruntime - TF.js| of %s %s", dir, e.get("name").asText()).isLessThan(1e-4f);
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
    void graphsWithUntranslatedOpsAreNamedAndRefused(@TempDir Path dir) throws IOException {
        assertThat(TfjsOnnxConverter.unsupportedOps(graph("mini-xception", "emotion.json"))).isEmpty();
        assertThat(TfjsOnnxConverter.unsupportedOps(graph("blazeface", "blazeface.json"))).isEmpty();
        Files.writeString(dir.resolve("model.json"), """
                {"format": "graph-model", "modelTopology": {"node": [
                  {"name": "x", "op": "Placeholder"},
                  {"name": "y", "op": "Erf", "input": ["x"]}]},
                 "weightsManifest": []}
                """);
        TfjsGraph erf = TfjsGraph.read(dir.resolve("model.json"));
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
