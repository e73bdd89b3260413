package io.emospectrum.image.tfjs;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.model.ModelSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The imported graphs compute what TensorFlow.js computes, on PyTorch and converted to ONNX on
 * onnxruntime: outputs within 1e-4 of those written by {@code modality-image/scripts/tfjs-parity.mjs}
 * (TF.js 4.22.0, CPU backend) on the same inputs.
 *
 * <p>PyTorch runs on the CPU unless {@code -Demospectrum.parity.device=gpu} names another device:
 * {@code scripts/gpu-check.sh} runs this test that way on a machine with CUDA.
 */
class TfjsParityTest {

    @ParameterizedTest
    @CsvSource({"mini-xception, emotion.json, pytorch", "blazeface-front, blazeface-front.json, pytorch",
            "mini-xception, emotion.json, onnxruntime", "blazeface-front, blazeface-front.json, onnxruntime"})
    void outputsMatchTensorFlowJs(String dir, String json, String engine) throws Exception {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/parity/" + dir + ".json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        JsonNode spec = fixture.get("input");
        long[] shape = new long[spec.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = spec.get("shape").get(i).asLong();
        }
        float[] input = lcg((int) new Shape(shape).size(), spec.get("seed").asLong(), (float) spec.get("lo").asDouble(),
                (float) spec.get("hi").asDouble());

        TfjsModelLoader loader = TfjsModelLoader.withDefaultCache();
        TfjsGraph graph = loader.read(ModelSource.classpath("io/emospectrum/image/models/" + dir, TfjsModelLoader.class), json);
        DeviceChoice device = engine.equals("pytorch")
                ? DeviceChoice.parse(System.getProperty("emospectrum.parity.device", "cpu")) : DeviceChoice.CPU;
        try (Model model = loader.loadForInference(graph, device, engine, "engine");
             NDManager m = model.getNDManager().newSubManager()) {
            // PyTorch runs the imported graph as DJL operations; onnxruntime runs it converted to ONNX
            assertThat(model.getNDManager().getEngine().getEngineName())
                    .isEqualTo(engine.equals("pytorch") ? TfjsModelLoader.ENGINE : TfjsModelLoader.ONNX_ENGINE);
            NDList out = model.getBlock().forward(new ParameterStore(m, false), new NDList(m.create(input, new Shape(shape))), false);
            JsonNode expected = fixture.get("outputs");
            assertThat(out).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                NDArray actual = out.get(i);
                JsonNode e = expected.get(i);
                long[] eShape = new long[e.get("shape").size()];
                for (int k = 0; k < eShape.length; k++) {
                    eShape[k] = e.get("shape").get(k).asLong();
                }
                assertThat(actual.getShape()).as(e.get("name").asText()).isEqualTo(new Shape(eShape));
                float[] want = floats(e.get("data").asText());
                float[] got = actual.toFloatArray();
                float maxDiff = 0;
                for (int k = 0; k < want.length; k++) {
                    maxDiff = Math.max(maxDiff, Math.abs(want[k] - got[k]));
                }
                assertThat(maxDiff).as("max |DJL on %s - TF.js| of %s %s", engine, dir, e.get("name").asText()).isLessThan(1e-4f);
            }
        }
    }

    /** Same generator as the script: u = u * 1664525 + 1013904223 (mod 2^32). */
    static float[] lcg(int count, long seed, float lo, float hi) {
        float[] out = new float[count];
        int u = (int) seed;
        for (int i = 0; i < count; i++) {
            u = u * 1664525 + 1013904223;
            out[i] = (float) (((u >>> 8) / 16777216.0) * (hi - lo) + lo);
        }
        return out;
    }

    static float[] floats(String b64) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(b64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }
}
