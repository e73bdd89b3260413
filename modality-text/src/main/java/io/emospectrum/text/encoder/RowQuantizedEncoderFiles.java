package io.emospectrum.text.encoder;

import io.emospectrum.error.ChecksumMismatchException;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelManifest;
import io.emospectrum.text.onnx.OnnxGraph;
import io.emospectrum.text.onnx.RowQuantization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A dynamically quantized (int8) encoder from a third-party jar, its activations rewritten to be
 * quantized per row ({@link RowQuantization}), so that a text's features do not depend on the other
 * texts of its batch. The jar's files are checked by {@link BundledEncoderFiles}; the rewrite is
 * deterministic and its result must hash to the SHA-256 the caller pins. Written once per cache as
 * {@code <model>-rowq.onnx} and {@code <model>-rowq-tokenizer.json} with their {@code SHA256SUMS}.
 */
public final class RowQuantizedEncoderFiles {
    /** Appended to the jar's model name: the name of the rewritten encoder. */
    public static final String SUFFIX = "-rowq";

    private RowQuantizedEncoderFiles() {
    }

    /**
     * @param manifestResource our manifest of the jar's int8 encoder files
     * @param model            the jar's ONNX base name
     * @param outputSha256     SHA-256 of the rewritten ONNX file
     * @return a directory holding {@code <model>-rowq.onnx}, its tokenizer and {@code SHA256SUMS}
     */
    public static Path materialize(String manifestResource, String model, String outputSha256, ClassLoader loader, Path cacheRoot) {
        Path source = BundledEncoderFiles.materialize(manifestResource, loader, cacheRoot);
        String name = model + SUFFIX;
        Path dir = cacheRoot.resolve("models").resolve("encoder-rowq-" + outputSha256.substring(0, 16));
        Path onnx = dir.resolve(name + ".onnx");
        Path tokenizer = dir.resolve(name + "-tokenizer.json");
        try {
            Files.createDirectories(dir);
            if (!Files.isRegularFile(onnx) || !ModelManifest.sha256(onnx).equals(outputSha256)) {
                rewrite(source.resolve(model + ".onnx"), onnx, outputSha256);
            }
            Path sourceTokenizer = source.resolve(model + "-tokenizer.json");
            String tokenizerSha = ModelManifest.sha256(sourceTokenizer);
            if (!Files.isRegularFile(tokenizer) || !ModelManifest.sha256(tokenizer).equals(tokenizerSha)) {
                Files.copy(sourceTokenizer, tokenizer, StandardCopyOption.REPLACE_EXISTING);
            }
            BundledEncoderFiles.writeIfChanged(dir.resolve(ModelManifest.FILE_NAME), outputSha256 + "  " + onnx.getFileName() + "\n"
                    + tokenizerSha + "  " + tokenizer.getFileName() + "\n");
        } catch (IOException e) {
            throw new ModelLoadException("cannot write the per-row quantized encoder in " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    private static void rewrite(Path source, Path target, String expected) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            OnnxGraph.rewrite(source, tmp, Map.of(), RowQuantization.of(OnnxGraph.read(source)));
            String actual = ModelManifest.sha256(tmp);
            if (!actual.equals(expected)) {
                throw new ChecksumMismatchException(target.toString(), expected, actual);
            }
            ModelFiles.moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
