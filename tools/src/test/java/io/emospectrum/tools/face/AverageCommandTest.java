package io.emospectrum.tools.face;

import io.emospectrum.image.tfjs.TfjsGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AverageCommandTest {
    @Test
    void theAverageOfTheImportedAndTheFineTunedWeightsIsTheirMidpoint(@TempDir Path dir) throws IOException {
        Path imported = bundled("io/emospectrum/image/models/mini-xception");
        Path tuned = bundled("io/emospectrum/image/models/mini-xception-ft");
        AverageCommand.average(dir, List.of(imported, tuned));
        String w = "StatefulPartitionedCall/model_1/conv2d_1/Conv2D_weights";
        float[] a = TfjsGraph.read(imported.resolve("emotion.json")).constants().get(w).floats();
        float[] b = TfjsGraph.read(tuned.resolve("emotion.json")).constants().get(w).floats();
        float[] m = TfjsGraph.read(dir.resolve("emotion.json")).constants().get(w).floats();
        assertThat(a[0]).isNotEqualTo(b[0]);
        for (int i = 0; i < m.length; i++) {
            assertThat(m[i]).isCloseTo((a[i] + b[i]) / 2, within(1e-6f));
        }
        assertThat(Files.readString(dir.resolve("SHA256SUMS"))).contains("emotion.bin").contains("labels.json");
    }

    /** A bundled model directory of modality-image, as a directory (the jar's copy, verified). */
    private static Path bundled(String dir) {
        return io.emospectrum.model.ModelFiles.defaultCache().materialize(
                io.emospectrum.model.ModelSource.classpath(dir, io.emospectrum.image.MiniXceptionFaceProvider.class), true);
    }
}
