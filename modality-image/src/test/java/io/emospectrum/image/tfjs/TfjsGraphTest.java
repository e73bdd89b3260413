package io.emospectrum.image.tfjs;

import ai.djl.ndarray.NDManager;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.image.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TfjsGraphTest {

    @Test
    void readsTheMiniXceptionGraphWithItsPublishedWeightCount() {
        TfjsGraph g = TfjsGraph.read(TestImages.resource("/io/emospectrum/image/models/mini-xception/emotion.json"));
        assertThat(g.inputNames()).containsExactly("input_1");
        assertThat(g.outputNames()).containsExactly("Identity");
        // 205,129 values in emotion.bin: 205,127 float weights and 2 int32 reduction indices.
        assertThat(g.floatWeightCount()).isEqualTo(205_127L);
        assertThat(g.nodes()).extracting(TfjsGraph.Node::op).contains("_FusedConv2D", "DepthwiseConv2dNative", "MaxPool", "Mean", "Softmax");
    }

    @Test
    void theSignatureDeclaresTheInputShape() {
        Path json = TestImages.resource("/io/emospectrum/image/models/mini-xception/emotion.json");
        assertThat(TfjsGraph.read(json).inputShape("input_1")).hasValueSatisfying(s -> assertThat(s).containsExactly(-1, 64, 64, 1));
        assertThat(TfjsGraph.read(json).inputShape("other")).isEmpty();
    }

    @Test
    void blazeFaceHasFourOutputsInNumberedOrder() {
        TfjsGraph g = TfjsGraph.read(TestImages.resource("/io/emospectrum/image/models/blazeface-front/blazeface-front.json"));
        assertThat(g.outputNames()).containsExactly("Identity", "Identity_1", "Identity_2", "Identity_3");
    }

    @Test
    void anUnsupportedOpFailsAtLoadNamingTheOp(@TempDir Path dir) throws IOException {
        TfjsGraph g = erfGraph(dir);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            assertThatThrownBy(() -> TfjsGraphBlock.create(g, m, false)).isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("Erf");
        }
    }

    @Test
    void shortWeightShardsFailAtLoad(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("model.json"), """
                {"format": "graph-model", "modelTopology": {"node": [{"name": "w", "op": "Const"}]},
                 "weightsManifest": [{"paths": ["w.bin"], "weights": [{"name": "w", "shape": [4], "dtype": "float32"}]}]}
                """);
        Files.write(dir.resolve("w.bin"), new byte[8]);
        assertThatThrownBy(() -> TfjsGraph.read(dir.resolve("model.json"))).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("end before weight w");
    }

    @Test
    void aLayersModelIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("model.json"), "{\"format\": \"layers-model\"}");
        assertThatThrownBy(() -> TfjsGraph.read(dir.resolve("model.json"))).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("not a TF.js graph model");
    }

    /** A one-op graph whose op ({@code Erf}) no translator here knows, written to {@code dir}. */
    static TfjsGraph erfGraph(Path dir) throws IOException {
        Files.writeString(dir.resolve("model.json"), """
                {"format": "graph-model", "modelTopology": {"node": [
                  {"name": "x", "op": "Placeholder"},
                  {"name": "y", "op": "Erf", "input": ["x"]}]},
                 "weightsManifest": []}
                """);
        return TfjsGraph.read(dir.resolve("model.json"));
    }
}
