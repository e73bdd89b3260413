package io.emospectrum.tools.text;

import io.emospectrum.model.ModelFiles;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.text.TextModels;
import io.emospectrum.text.encoder.BundledEncoderFiles;
import io.emospectrum.text.encoder.SentenceEncoder;
import io.emospectrum.text.tokenize.TextTokenizer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Pooled encoder features of a corpus split, computed once (the encoder is frozen) and kept in a
 * work directory, so that training the head many times costs seconds, not the encoder's minutes.
 * Texts are truncated to one window, as in training the head sees one window per comment.
 */
public final class FeatureCache implements AutoCloseable {
    private final TextTokenizer tokenizer;
    private final SentenceEncoder encoder;
    private final Path workDir;
    private final String encoderName;

    public FeatureCache(Path workDir, String encoderName, int maxTokens) {
        this(workDir, BundledEncoderFiles.materialize(TextModels.encoderManifest(encoderName),
                FeatureCache.class.getClassLoader(), ModelFiles.defaultCache().directory()), encoderName, maxTokens);
    }

    /** @param encoderDir a verified directory holding {@code <encoderName>.onnx} and its tokenizer */
    public FeatureCache(Path workDir, Path encoderDir, String encoderName, int maxTokens) {
        this.tokenizer = TextTokenizer.load(encoderDir.resolve(encoderName + "-tokenizer.json"), maxTokens, 0);
        this.encoder = SentenceEncoder.load(encoderDir, encoderName, DeviceChoice.fromSystemProperty());
        this.workDir = workDir;
        this.encoderName = encoderName;
    }

    /** Features {@code [example][2 * hidden]} (mean then CLS) of {@code texts}, from the cache when present. */
    public float[][] features(String split, List<String> texts) throws IOException {
        Path file = workDir.resolve(encoderName + "-" + split + "-" + tokenizer.maxTokens() + ".features");
        if (Files.isRegularFile(file)) {
            float[][] cached = read(file);
            if (cached.length == texts.size()) {
                return cached;
            }
        }
        long t0 = System.nanoTime();
        float[][] out = LengthBucketedEncoding.encode(tokenizer, encoder, texts, 64, from -> { });
        System.out.printf("encoded %s: %d texts in %.1f s%n", split, texts.size(), (System.nanoTime() - t0) / 1e9);
        Files.createDirectories(workDir);
        write(file, out);
        return out;
    }

    private static void write(Path file, float[][] x) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(x.length);
            out.writeInt(x[0].length);
            for (float[] row : x) {
                for (float v : row) {
                    out.writeFloat(v);
                }
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static float[][] read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int n = in.readInt();
            int d = in.readInt();
            float[][] x = new float[n][d];
            for (float[] row : x) {
                for (int j = 0; j < d; j++) {
                    row[j] = in.readFloat();
                }
            }
            return x;
        }
    }

    @Override
    public void close() {
        encoder.close();
        tokenizer.close();
    }
}
