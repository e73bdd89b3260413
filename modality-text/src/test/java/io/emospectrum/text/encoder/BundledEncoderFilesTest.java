package io.emospectrum.text.encoder;

import io.emospectrum.error.ChecksumMismatchException;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.model.ModelManifest;
import io.emospectrum.text.TextModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundledEncoderFilesTest {
    private final ClassLoader loader = BundledEncoderFilesTest.class.getClassLoader();

    @Test
    void extractsTheJarsEncoderAndRepairsATamperedCopy(@TempDir Path cache) throws Exception {
        Path dir = BundledEncoderFiles.materialize(TextModels.encoderManifest(TextModels.DEFAULT_ENCODER), loader, cache);
        Path tokenizer = dir.resolve("all-minilm-l6-v2-tokenizer.json");
        assertThat(tokenizer).isRegularFile();
        ModelManifest.read(dir.resolve(ModelManifest.FILE_NAME)).verify(dir);

        String original = ModelManifest.sha256(tokenizer);
        Files.writeString(tokenizer, "{}");
        Path again = BundledEncoderFiles.materialize(TextModels.encoderManifest(TextModels.DEFAULT_ENCODER), loader, cache);
        assertThat(again).isEqualTo(dir);
        assertThat(ModelManifest.sha256(tokenizer)).isEqualTo(original);
    }

    @Test
    void aJarWhoseBytesDifferFromOurManifestIsRefused(@TempDir Path cache) {
        assertThatThrownBy(() -> BundledEncoderFiles.materialize("io/emospectrum/text/encoder/tampered.SHA256SUMS", loader, cache))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("all-minilm-l6-v2-tokenizer.json");
    }

    @Test
    void theChineseEncoderIsCheckedToo(@TempDir Path cache) {
        Path dir = BundledEncoderFiles.materialize(TextModels.encoderManifest(TextModels.CHINESE_ENCODER), loader, cache);
        assertThat(dir.resolve(TextModels.CHINESE_ENCODER + ".onnx")).isRegularFile();
        assertThatThrownBy(() -> BundledEncoderFiles.materialize("io/emospectrum/text/encoder/tampered-zh.SHA256SUMS", loader, cache))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("bge-small-zh-v1.5-q-tokenizer.json");
    }

    @Test
    void aMissingManifestIsAModelLoadError(@TempDir Path cache) {
        assertThatThrownBy(() -> BundledEncoderFiles.materialize("no/such/SHA256SUMS", loader, cache))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("no/such/SHA256SUMS");
    }
}
