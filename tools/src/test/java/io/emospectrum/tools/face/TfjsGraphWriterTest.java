package io.emospectrum.tools.face;

import ai.djl.ndarray.NDManager;
import io.emospectrum.image.tfjs.TfjsGraph;
import io.emospectrum.image.tfjs.TfjsGraphBlock;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TfjsGraphWriterTest {

    @Test
    void theSignatureDeclaresTheInputShapeAndARewriteChangesIt(@TempDir Path dir) {
        Path json = bundled("io/emospectrum/image/models/mini-xception").resolve("emotion.json");
        assertThat(TfjsGraph.read(json).inputShape("input_1")).hasValueSatisfying(s -> assertThat(s).containsExactly(-1, 64, 64, 1));
        assertThat(TfjsGraph.read(json).inputShape("other")).isEmpty();
        TfjsGraphWriter.writeWithWeights(json, dir.resolve("small.json"), java.util.Map.of());
        TfjsGraphWriter.setSignatureInputShape(dir.resolve("small.json"), new long[] {-1, 48, 48, 1});
        TfjsGraph small = TfjsGraph.read(dir.resolve("small.json"));
        assertThat(small.inputShape("input_1")).hasValueSatisfying(s -> assertThat(s).containsExactly(-1, 48, 48, 1));
        assertThat(small.floatWeightCount()).isEqualTo(TfjsGraph.read(json).floatWeightCount());
    }


    @Test
    void exportedWeightsWrittenBackGiveTheSameNetwork(@TempDir Path dir) throws IOException {
        Path json = bundled("io/emospectrum/image/models/mini-xception").resolve("emotion.json");
        TfjsGraph g = TfjsGraph.read(json);
        float[] input = random(2 * 64 * 64);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            TfjsGraphBlock original = TfjsGraphBlock.create(g, m, false);
            java.util.Map<String, float[]> weights = original.exportConstants();
            for (TfjsGraph.Constant c : g.constants().values()) {
                if (c.isFloat()) {
                    assertThat(weights.get(c.name())).as(c.name()).containsExactly(c.floats());
                }
            }
            // Perturb one filter so the copy differs where, and only where, it should.
            float[] first = weights.get("StatefulPartitionedCall/model_1/conv2d_1/Conv2D_weights");
            first[0] += 0.5f;
            TfjsGraphWriter.writeWithWeights(json, dir.resolve("copy.json"), weights);
            TfjsGraph copy = TfjsGraph.read(dir.resolve("copy.json"));
            assertThat(copy.constants().get("StatefulPartitionedCall/model_1/conv2d_1/Conv2D_weights").floats()[0])
                    .isEqualTo(g.constants().get("StatefulPartitionedCall/model_1/conv2d_1/Conv2D_weights").floats()[0] + 0.5f);
            assertThat(copy.floatWeightCount()).isEqualTo(g.floatWeightCount());
            TfjsGraphWriter.writeWithWeights(json, dir.resolve("same.json"), original.exportConstants());
            TfjsGraphBlock same = TfjsGraphBlock.create(TfjsGraph.read(dir.resolve("same.json")), m, false);
            ai.djl.ndarray.NDArray x = m.create(input, new ai.djl.ndarray.types.Shape(2, 64, 64, 1));
            float[] a = original.forward(new ai.djl.training.ParameterStore(m, false), new ai.djl.ndarray.NDList(x), false).head().toFloatArray();
            float[] b = same.forward(new ai.djl.training.ParameterStore(m, false), new ai.djl.ndarray.NDList(x), false).head().toFloatArray();
            assertThat(b).containsExactly(a);
        }
    }

    private static Path bundled(String dir) {
        return ModelFiles.defaultCache().materialize(ModelSource.classpath(dir, io.emospectrum.image.MiniXceptionFaceProvider.class), true);
    }

    private static float[] random(int n) {
        Random r = new Random(7);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        return x;
    }
}
