package io.emospectrum.text.onnx;

import io.emospectrum.model.ModelFiles;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.model.ModelManifest;
import io.emospectrum.text.TextModels;
import io.emospectrum.text.encoder.TensorFile;
import io.emospectrum.text.encoder.BundledEncoderFiles;
import io.emospectrum.text.encoder.SentenceEncoder;
import io.emospectrum.text.encoder.TokenBatch;
import io.emospectrum.text.tokenize.TextTokenizer;
import io.emospectrum.text.tokenize.TokenWindow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The int8 graph with per-row activations: batch-independent, close to float32, and the rewrite's guard rails. */
class RowQuantizationTest {
    private static final String BASE = TextModels.DEFAULT_ENCODER;
    private static final List<String> SENTENCES = List.of("I am so happy today!", "This is disgusting, it makes me sick.",
            "Why would anyone do that? I honestly can't believe it.");
    /** A long neighbour with large activations: under per-tensor quantization it moves everyone's scale. */
    private static final String NEIGHBOUR = "WHAT?!?! 🤬🤬🤬 ".repeat(12) + "The quarterly report, pages 14-92, tables 3.1-7.4, is due 2026-12-01.";
    private static Path baseDir;
    private static Path qDir;

    @BeforeAll
    static void files() {
        ClassLoader loader = RowQuantizationTest.class.getClassLoader();
        baseDir = BundledEncoderFiles.materialize(TextModels.encoderManifest(BASE), loader, ModelFiles.defaultCache().directory());
        qDir = BundledEncoderFiles.materialize(TextModels.encoderManifest(BASE + "-q"), loader, ModelFiles.defaultCache().directory());
    }

    @Test
    void perRowResultsDoNotDependOnTheBatchAndStayCloseToFloat32(@TempDir Path tmp) throws Exception {
        Path perTensor = writeInt8(tmp, "per-tensor", false);
        Path perRow = writeInt8(tmp, "per-row", true);
        float[][] fp32Alone = encodeAlone(baseDir, BASE);
        float[][] rowAlone = encodeAlone(perRow, "q");
        float[][] rowMixed = encodeWithNeighbour(perRow, "q");
        float[][] tensorAlone = encodeAlone(perTensor, "q");
        float[][] tensorMixed = encodeWithNeighbour(perTensor, "q");

        assertThat(maxAbsDiff(tensorAlone, tensorMixed)).as("per-tensor int8: a text's output moves with its batch")
                .isGreaterThan(1e-3);
        assertThat(maxAbsDiff(rowAlone, rowMixed)).as("per-row int8: alone vs. in a batch").isLessThan(1e-6);
        for (int i = 0; i < SENTENCES.size(); i++) {
            assertThat(cosine(rowAlone[i], fp32Alone[i])).as("per-row int8 vs float32, sentence %d", i).isGreaterThan(0.97);
        }
    }

    @Test
    void rejectsAGraphWithoutDynamicQuantization() {
        OnnxGraph fp32 = OnnxGraph.read(baseDir.resolve(BASE + ".onnx"));
        assertThatThrownBy(() -> RowQuantization.of(fp32)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("no DynamicQuantizeLinear");
    }

    @Test
    void refusesToRewriteTwiceAndNeedsAQuantizedTemplate(@TempDir Path tmp) throws Exception {
        Path once = writeInt8(tmp, "once", true);
        OnnxGraph rewritten = OnnxGraph.read(once.resolve("q.onnx"));
        assertThat(rewritten.nodes()).noneMatch(n -> n.opType().equals("DynamicQuantizeLinear"));
        assertThat(rewritten.nodes()).filteredOn(n -> n.opType().equals("MatMulIntegerToFloat"))
                .hasSize(36).allMatch(n -> n.domain().equals(RowQuantization.CONTRIB_DOMAIN));
        assertThatThrownBy(() -> RowQuantization.of(rewritten)).isInstanceOf(ModelLoadException.class);
        OnnxBertWeights pretrained = OnnxBertWeights.of(OnnxGraph.read(baseDir.resolve(BASE + ".onnx")));
        assertThatThrownBy(() -> FineTunedOnnx.write(pretrained, baseDir.resolve(BASE + ".onnx"), false, true, Map.of(), tmp.resolve("x.onnx")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Path writeInt8(Path tmp, String name, boolean perRow) throws Exception {
        OnnxBertWeights pretrained = OnnxBertWeights.of(OnnxGraph.read(baseDir.resolve(BASE + ".onnx")));
        String w = "encoder.layer.5.output.dense.weight";
        Map<String, TensorFile.Entry> zero = Map.of(w, new TensorFile.Entry(pretrained.get(w).shape(), new float[pretrained.get(w).values().length]));
        Path dir = Files.createDirectories(tmp.resolve(name));
        FineTunedOnnx.write(pretrained, qDir.resolve(BASE + "-q.onnx"), true, perRow, zero, dir.resolve("q.onnx"));
        Files.writeString(dir.resolve("SHA256SUMS"), ModelManifest.sha256(dir.resolve("q.onnx")) + "  q.onnx\n");
        return dir;
    }

    private static float[][] encodeAlone(Path dir, String model) {
        try (TextTokenizer tok = tokenizer(); SentenceEncoder enc = SentenceEncoder.load(dir, model, DeviceChoice.CPU)) {
            float[][] out = new float[SENTENCES.size()][];
            for (int i = 0; i < SENTENCES.size(); i++) {
                out[i] = enc.encode(TokenBatch.of(List.of(tok.windows(SENTENCES.get(i)).get(0)), tok.padId()))[0];
            }
            return out;
        }
    }

    private static float[][] encodeWithNeighbour(Path dir, String model) {
        try (TextTokenizer tok = tokenizer(); SentenceEncoder enc = SentenceEncoder.load(dir, model, DeviceChoice.CPU)) {
            List<TokenWindow> windows = new ArrayList<>();
            windows.add(tok.windows(NEIGHBOUR).get(0));
            SENTENCES.forEach(s -> windows.add(tok.windows(s).get(0)));
            float[][] all = enc.encode(TokenBatch.of(windows, tok.padId()));
            return java.util.Arrays.copyOfRange(all, 1, all.length);
        }
    }

    private static TextTokenizer tokenizer() {
        return TextTokenizer.load(baseDir.resolve(BASE + "-tokenizer.json"), 128, 0);
    }

    private static double maxAbsDiff(float[][] a, float[][] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return m;
    }

    private static double cosine(float[] a, float[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
