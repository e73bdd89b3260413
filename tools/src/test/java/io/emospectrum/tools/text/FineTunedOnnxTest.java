package io.emospectrum.tools.text;

import io.emospectrum.model.ModelFiles;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.model.ModelManifest;
import io.emospectrum.text.TextModels;
import io.emospectrum.tools.text.bert.BertConfig;
import io.emospectrum.tools.text.bert.BertEncoder;
import io.emospectrum.tools.text.bert.BertWeightsLoader;
import io.emospectrum.tools.text.bert.MeanClsPooling;
import io.emospectrum.text.encoder.TensorFile;
import io.emospectrum.text.onnx.FineTunedOnnx;
import io.emospectrum.text.onnx.OnnxBertWeights;
import io.emospectrum.text.onnx.OnnxGraph;
import io.emospectrum.text.encoder.BundledEncoderFiles;
import io.emospectrum.text.encoder.SentenceEncoder;
import io.emospectrum.text.encoder.TokenBatch;
import io.emospectrum.text.tokenize.TextTokenizer;
import io.emospectrum.text.tokenize.TokenWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FineTunedOnnxTest {
    private static final String BASE = TextModels.DEFAULT_ENCODER;
    private static final List<String> SENTENCES = List.of("I am so happy today!", "This is disgusting, it makes me sick.",
            "The meeting is on Tuesday at the second floor office, please bring the documents.");
    private final ClassLoader loader = getClass().getClassLoader();

    /** A delta on the top layer: the rewritten ONNX file must compute what the DJL block with the changed weights computes. */
    @Test
    void writesChangedWeightsThatOnnxRuntimeRunsLikeTheDjlBlock(@TempDir Path tmp) throws Exception {
        Path baseDir = BundledEncoderFiles.materialize(TextModels.encoderManifest(BASE), loader, ModelFiles.defaultCache().directory());
        OnnxBertWeights pretrained = OnnxBertWeights.of(OnnxGraph.read(baseDir.resolve(BASE + ".onnx")));
        Map<String, TensorFile.Entry> delta = new LinkedHashMap<>();
        Random rnd = new Random(7);
        for (String name : List.of("encoder.layer.5.attention.self.query.weight", "encoder.layer.5.intermediate.dense.weight",
                "encoder.layer.5.output.LayerNorm.bias")) {
            OnnxBertWeights.Tensor t = pretrained.get(name);
            float[] d = new float[t.values().length];
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) (rnd.nextGaussian() * 0.05);
            }
            delta.put(name, new TensorFile.Entry(t.shape(), d));
        }
        Path deltaFile = tmp.resolve("delta.tensors");
        TensorFile.write(deltaFile, delta);
        assertThat(TensorFile.read(deltaFile).get("encoder.layer.5.output.LayerNorm.bias").values())
                .containsExactly(delta.get("encoder.layer.5.output.LayerNorm.bias").values());

        Path outDir = Files.createDirectories(tmp.resolve("ft"));
        FineTunedOnnx.write(pretrained, baseDir.resolve(BASE + ".onnx"), false, false, delta, outDir.resolve("ft.onnx"));
        Path again = tmp.resolve("again.onnx");
        FineTunedOnnx.write(pretrained, baseDir.resolve(BASE + ".onnx"), false, false, delta, again);
        assertThat(ModelManifest.sha256(again)).as("deterministic bytes").isEqualTo(ModelManifest.sha256(outDir.resolve("ft.onnx")));
        Files.writeString(outDir.resolve("SHA256SUMS"), ModelManifest.sha256(outDir.resolve("ft.onnx")) + "  ft.onnx\n");

        List<TokenWindow> windows = new ArrayList<>();
        float[][] onnx;
        try (TextTokenizer tok = TextTokenizer.load(baseDir.resolve(BASE + "-tokenizer.json"), 128, 0);
             SentenceEncoder enc = SentenceEncoder.load(outDir, "ft", DeviceChoice.CPU)) {
            tok.windowsAll(SENTENCES).forEach(w -> windows.add(w.get(0)));
            onnx = enc.encode(TokenBatch.of(windows, tok.padId()));
        }
        TokenBatch batch = TokenBatch.of(windows, 0);
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
            BertEncoder encoder = new BertEncoder(BertConfig.MINILM_L6_H384);
            BertWeightsLoader.load(encoder, m, pretrained);
            float[] unchanged = pooled(encoder, m, batch);
            Map<String, Parameter> params = encoder.parametersByHfName();
            for (Map.Entry<String, TensorFile.Entry> e : delta.entrySet()) {
                float[] w = pretrained.get(e.getKey()).values().clone();
                for (int i = 0; i < w.length; i++) {
                    w[i] += e.getValue().values()[i];
                }
                BertWeightsLoader.assign(params.get(e.getKey()), w);
            }
            float[] changed = pooled(encoder, m, batch);
            int d = onnx[0].length;
            double maxDiff = 0;
            double moved = 0;
            for (int i = 0; i < onnx.length; i++) {
                for (int j = 0; j < d; j++) {
                    maxDiff = Math.max(maxDiff, Math.abs(changed[i * d + j] - onnx[i][j]));
                    moved = Math.max(moved, Math.abs(unchanged[i * d + j] - onnx[i][j]));
                }
            }
            assertThat(moved).as("the delta changes the output").isGreaterThan(1e-2);
            assertThat(maxDiff).as("ONNX with the delta vs DJL block with the delta").isLessThan(1e-4);
        }
    }

    /** With no change, re-quantizing langchain4j's float weights gives back its int8 file's weights: same scheme. */
    @Test
    void requantizesAsTheInt8ExportDid(@TempDir Path tmp) {
        Path baseDir = BundledEncoderFiles.materialize(TextModels.encoderManifest(BASE), loader, ModelFiles.defaultCache().directory());
        Path qDir = BundledEncoderFiles.materialize(TextModels.encoderManifest(BASE + "-q"), loader, ModelFiles.defaultCache().directory());
        OnnxBertWeights pretrained = OnnxBertWeights.of(OnnxGraph.read(baseDir.resolve(BASE + ".onnx")));
        String w = "encoder.layer.5.intermediate.dense.weight";
        Map<String, TensorFile.Entry> zero = Map.of(w, new TensorFile.Entry(pretrained.get(w).shape(), new float[pretrained.get(w).values().length]));
        Path out = tmp.resolve("q.onnx");
        FineTunedOnnx.write(pretrained, qDir.resolve(BASE + "-q.onnx"), true, false, zero, out);
        OnnxGraph original = OnnxGraph.read(qDir.resolve(BASE + "-q.onnx"));
        OnnxGraph rewritten = OnnxGraph.read(out);
        String onnxName = pretrained.get(w).onnxName();
        byte[] a = original.initializer(onnxName + "_quantized").raw();
        byte[] b = rewritten.initializer(onnxName + "_quantized").raw();
        int differ = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                differ++;
            }
        }
        assertThat(differ).as("int8 weights that differ from the -q export's").isLessThan(a.length / 1000);
        float[] sa = original.initializer(onnxName + "_scale").floats();
        float[] sb = rewritten.initializer(onnxName + "_scale").floats();
        for (int i = 0; i < sa.length; i++) {
            assertThat(sb[i]).isCloseTo(sa[i], org.assertj.core.api.Assertions.within(sa[i] * 1e-5f));
        }
    }

    private static float[] pooled(BertEncoder encoder, NDManager m, TokenBatch batch) {
        try (NDManager s = m.newSubManager()) {
            NDArray mask = s.create(batch.mask());
            NDArray h = encoder.forward(new ParameterStore(s, false), new NDList(s.create(batch.ids()), s.create(batch.typeIds()), mask), false)
                    .singletonOrThrow();
            return MeanClsPooling.pool(h, mask).toFloatArray();
        }
    }
}
