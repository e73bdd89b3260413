package io.emospectrum.text.encoder;

import io.emospectrum.error.ChecksumMismatchException;
import io.emospectrum.model.ModelManifest;
import io.emospectrum.text.TextModels;
import io.emospectrum.text.encoder.TensorFile;
import io.emospectrum.text.onnx.FineTunedOnnx;
import io.emospectrum.text.onnx.OnnxBertWeights;
import io.emospectrum.text.onnx.OnnxGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FineTunedEncoderFilesTest {
    private static final String BASE = TextModels.DEFAULT_ENCODER;
    private static final String BIAS = "encoder.layer.5.output.dense.bias";

    @Test
    void assemblesFromTheJarAndTheDeltaChecksTheResultAndRepairsATamperedCopy(@TempDir Path tmp) throws Exception {
        ClassLoader parent = getClass().getClassLoader();
        Path cache = tmp.resolve("cache");
        Path res = Files.createDirectories(tmp.resolve("res/m"));
        Path baseDir = BundledEncoderFiles.materialize(TextModels.encoderManifest(BASE), parent, cache);
        OnnxBertWeights pretrained = OnnxBertWeights.of(OnnxGraph.read(baseDir.resolve(BASE + ".onnx")));
        float[] d = new float[384];
        d[3] = 0.25f;
        Map<String, TensorFile.Entry> delta = Map.of(BIAS, new TensorFile.Entry(new long[]{384}, d));
        TensorFile.write(res.resolve("delta.tensors"), delta);
        Path expected = tmp.resolve("expected.onnx");
        FineTunedOnnx.write(pretrained, baseDir.resolve(BASE + ".onnx"), false, false, delta, expected);
        String outSha = ModelManifest.sha256(expected);
        EncoderRecipe recipe = new EncoderRecipe(TextModels.encoderManifest(BASE), BASE, TextModels.encoderManifest(BASE), BASE, false, false,
                "m/delta.tensors", ModelManifest.sha256(res.resolve("delta.tensors")), "ft", outSha);
        Files.writeString(res.resolve("encoder.recipe"), recipe.toText("test"));

        try (URLClassLoader loader = new URLClassLoader(new URL[]{tmp.resolve("res").toUri().toURL()}, parent)) {
            Path dir = FineTunedEncoderFiles.materialize("m/encoder.recipe", loader, cache);
            Path onnx = dir.resolve("ft.onnx");
            assertThat(ModelManifest.sha256(onnx)).isEqualTo(outSha);
            ModelManifest.read(dir.resolve(ModelManifest.FILE_NAME)).verify(dir);
            float[] bias = OnnxGraph.read(onnx).initializer(BIAS).floats();
            assertThat(bias[3]).isEqualTo(pretrained.get(BIAS).values()[3] + 0.25f);
            assertThat(bias[4]).isEqualTo(pretrained.get(BIAS).values()[4]);

            Files.write(onnx, new byte[]{1, 2, 3});
            FineTunedEncoderFiles.materialize("m/encoder.recipe", loader, cache);
            assertThat(ModelManifest.sha256(onnx)).isEqualTo(outSha);

            Files.writeString(res.resolve("encoder.recipe"), new EncoderRecipe(recipe.weightsManifest(), BASE, recipe.templateManifest(), BASE,
                    false, false, "m/delta.tensors", "0".repeat(64), "ft", outSha).toText("wrong delta hash"));
            assertThatThrownBy(() -> FineTunedEncoderFiles.materialize("m/encoder.recipe", loader, cache))
                    .isInstanceOf(ChecksumMismatchException.class).hasMessageContaining("m/delta.tensors");
        }
    }
}
