package io.emospectrum.model;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ChecksumMismatchException;
import io.emospectrum.error.ModelLoadException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModelLoaderTest {
    @TempDir
    Path dir;
    @TempDir
    Path cache;

    private float[] savedOutput;

    private static Block block() {
        return Linear.builder().setUnits(2).build();
    }

    /** Saves a tiny real DJL model (a 3-in, 2-out linear layer) and its manifest. */
    @BeforeEach
    void saveTinyModel() throws Exception {
        try (Model m = Model.newInstance("tiny", "PyTorch"); NDManager nd = NDManager.newBaseManager("PyTorch")) {
            Block b = block();
            m.setBlock(b);
            b.initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, 3));
            try (Predictor<NDList, NDList> p = m.newPredictor(new NoopTranslator())) {
                savedOutput = p.predict(new NDList(nd.create(new float[] {1, 2, 3}, new Shape(1, 3)))).singletonOrThrow().toFloatArray();
            }
            m.save(dir, "tiny");
        }
        Path params = dir.resolve("tiny-0000.params");
        Files.writeString(dir.resolve(ModelManifest.FILE_NAME),
                ModelManifest.sha256(params) + "  tiny-0000.params\n", StandardCharsets.UTF_8);
    }

    private ModelLoader<NDList, NDList> loader() {
        return ModelLoader.builder(NDList.class, NDList.class)
                .source(ModelSource.path(dir)).engine("PyTorch").device(DeviceChoice.CPU)
                .modelName("tiny").block(block()).translator(new NoopTranslator())
                .requireManifest(true).files(new ModelFiles(cache)).build();
    }

    @Test
    void loadsAVerifiedModelThatPredictsAsSaved() throws Exception {
        try (ZooModel<NDList, NDList> m = loader().load();
             Predictor<NDList, NDList> p = m.newPredictor();
             NDManager nd = NDManager.newBaseManager("PyTorch")) {
            NDArray out = p.predict(new NDList(nd.create(new float[] {1, 2, 3}, new Shape(1, 3)))).singletonOrThrow();
            float[] got = out.toFloatArray();
            assertThat(got).hasSize(2);
            assertThat(got[0]).isCloseTo(savedOutput[0], within(1e-6f));
            assertThat(got[1]).isCloseTo(savedOutput[1], within(1e-6f));
            assertThat(m.getNDManager().getDevice().toString()).isEqualTo("cpu()");
        }
    }

    @Test
    void aTamperedModelFileIsRefusedBeforeLoading() throws Exception {
        Path params = dir.resolve("tiny-0000.params");
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(params, bytes);
        assertThatThrownBy(() -> loader().load())
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("tiny-0000.params")
                .satisfies(e -> assertThat(((ChecksumMismatchException) e).actual()).isEqualTo(ModelManifest.sha256(params)));
    }

    @Test
    void aMissingManifestIsRefusedWhenRequired() throws Exception {
        Files.delete(dir.resolve(ModelManifest.FILE_NAME));
        assertThatThrownBy(() -> loader().load()).isInstanceOf(ModelLoadException.class).hasMessageContaining("SHA256SUMS");
    }

    @Test
    void aMissingDirectoryIsATypedError() {
        assertThatThrownBy(() -> ModelLoader.builder(NDList.class, NDList.class)
                .source(ModelSource.path(dir.resolve("nope"))).engine("PyTorch").build().load())
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("does not exist");
    }

    @Test
    void classpathModelsAreExtractedAndVerified() throws Exception {
        ModelFiles files = new ModelFiles(cache);
        Path extracted = files.materialize(ModelSource.classpath("io/emospectrum/model/fixture/good"), true);
        assertThat(Files.readString(extracted.resolve("weights.txt"))).isEqualTo("weights of a pretend model\n");
        // a second load reuses the verified extraction
        assertThat(files.materialize(ModelSource.classpath("/io/emospectrum/model/fixture/good/"), true)).isEqualTo(extracted);
        // a file altered in the cache is replaced from the class path, not trusted
        Files.writeString(extracted.resolve("weights.txt"), "altered");
        files.materialize(ModelSource.classpath("io/emospectrum/model/fixture/good"), true);
        assertThat(Files.readString(extracted.resolve("weights.txt"))).isEqualTo("weights of a pretend model\n");
    }

    @Test
    void aClasspathResourceThatDiffersFromItsManifestIsRefused() {
        ModelFiles files = new ModelFiles(cache);
        assertThatThrownBy(() -> files.materialize(ModelSource.classpath("io/emospectrum/model/fixture/bad"), true))
                .isInstanceOf(ChecksumMismatchException.class).hasMessageContaining("weights.txt");
        assertThatThrownBy(() -> files.materialize(ModelSource.classpath("io/emospectrum/model/fixture/none"), true))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("no model at classpath:");
    }

    @Test
    void manifestsAreParsedStrictly() {
        assertThat(ModelManifest.parse("# comment\n" + "a".repeat(64) + " *model.onnx\n", "m").files())
                .containsEntry("model.onnx", "a".repeat(64));
        assertThatThrownBy(() -> ModelManifest.parse("abc  model.onnx", "m")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> ModelManifest.parse("a".repeat(64) + "  ../etc/passwd", "m")).hasMessageContaining("relative");
    }

    @Test
    void sourcesParseFromUserArguments() {
        assertThat(ModelSource.parse("classpath:io/x")).isInstanceOf(ModelSource.Classpath.class);
        assertThat(ModelSource.parse("https://example.org/m.zip")).isInstanceOf(ModelSource.Url.class);
        assertThat(ModelSource.parse("models/mine")).isEqualTo(ModelSource.path(Path.of("models/mine")));
    }
}
