package io.emospectrum.text.encoder;

import io.emospectrum.error.ChecksumMismatchException;
import io.emospectrum.model.ModelManifest;
import io.emospectrum.text.TextModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowQuantizedEncoderFilesTest {
    private final ClassLoader loader = RowQuantizedEncoderFilesTest.class.getClassLoader();
    private final String manifest = TextModels.encoderManifest(TextModels.CHINESE_ENCODER);

    @Test
    void theRewriteIsTheOnePinnedAndATamperedCopyIsRebuilt(@TempDir Path cache) throws Exception {
        Path dir = TextModels.chineseEncoder(loader, cache);
        Path onnx = dir.resolve(TextModels.CHINESE_ENCODER + RowQuantizedEncoderFiles.SUFFIX + ".onnx");
        assertThat(ModelManifest.sha256(onnx)).isEqualTo(TextModels.CHINESE_ENCODER_ROWQ_SHA256);
        ModelManifest.read(dir.resolve(ModelManifest.FILE_NAME)).verify(dir);
        Files.write(onnx, new byte[] {1, 2, 3});
        TextModels.chineseEncoder(loader, cache);
        assertThat(ModelManifest.sha256(onnx)).isEqualTo(TextModels.CHINESE_ENCODER_ROWQ_SHA256);
    }

    @Test
    void aRewriteThatDoesNotHashToThePinIsATypedError(@TempDir Path cache) {
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> RowQuantizedEncoderFiles.materialize(manifest, TextModels.CHINESE_ENCODER, wrong, loader, cache))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining(TextModels.CHINESE_ENCODER_ROWQ_SHA256);
    }
}
