package io.emospectrum.image.expression;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import io.emospectrum.error.ExtractionException;
import io.emospectrum.image.tfjs.InputBuffers;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.taxonomy.BoundLabelMapping;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * The expression network: preprocessed gray crops in ({@link FaceCropper}), the model's own
 * scores out (softmax over its labels), batched. Thread-safe: every call has its own predictor,
 * whose per-call NDManager frees the call's native memory.
 */
public final class ExpressionClassifier implements AutoCloseable {
    private final Model model;
    private final ModelId id;
    private final BoundLabelMapping labels;
    private final int side;
    private final int batchSize;
    private final boolean mirrorAverage;
    private final InputBuffers inputBuffers = new InputBuffers();

    /**
     * @param model     a DJL model whose block maps {@code [N, side, side, 1]} to {@code [N, labels]}
     * @param side      input side in pixels (64 for mini-Xception)
     * @param batchSize the largest batch sent to the network at once
     */
    public ExpressionClassifier(Model model, ModelId id, BoundLabelMapping labels, int side, int batchSize) {
        this(model, id, labels, side, batchSize, false);
    }

    /**
     * @param mirrorAverage also score each crop mirrored left-right and average the two (test-time
     *                      augmentation, at half the throughput)
     */
    public ExpressionClassifier(Model model, ModelId id, BoundLabelMapping labels, int side, int batchSize, boolean mirrorAverage) {
        this.mirrorAverage = mirrorAverage;
        this.model = model;
        this.id = id;
        this.labels = labels;
        this.side = side;
        this.batchSize = batchSize;
    }

    public ModelId id() {
        return id;
    }

    public BoundLabelMapping labels() {
        return labels;
    }

    public int side() {
        return side;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean mirrorAverage() {
        return mirrorAverage;
    }

    public String device() {
        return model.getNDManager().getDevice().toString();
    }

    public Model model() {
        return model;
    }

    /** The DJL engine that runs the network ({@code OnnxRuntime} or {@code PyTorch}). */
    public String engine() {
        return model.getNDManager().getEngine().getEngineName();
    }

    /**
     * Scores {@code count} crops packed in {@code crops} ({@code side * side} floats each).
     *
     * @return one row of label scores per crop
     */
    public float[][] scores(float[] crops, int count) {
        int per = side * side;
        if (crops.length < count * per) {
            throw new IllegalArgumentException(count + " crops need " + count * per + " floats, got " + crops.length);
        }
        float[][] out = new float[count][];
        if (count == 0) {
            return out;
        }
        if (mirrorAverage) {
            float[][] direct = run(crops, count);
            float[][] mirrored = run(mirror(crops, count, side), count);
            for (int i = 0; i < count; i++) {
                out[i] = new float[direct[i].length];
                for (int k = 0; k < out[i].length; k++) {
                    out[i][k] = (direct[i][k] + mirrored[i][k]) / 2;
                }
            }
            return out;
        }
        return run(crops, count);
    }

    /** Each {@code side x side} crop flipped left-right. */
    public static float[] mirror(float[] crops, int count, int side) {
        float[] m = new float[count * side * side];
        for (int row = 0; row < count * side; row++) {
            int base = row * side;
            for (int c = 0; c < side; c++) {
                m[base + c] = crops[base + side - 1 - c];
            }
        }
        return m;
    }

    private float[][] run(float[] crops, int count) {
        int per = side * side;
        float[][] out = new float[count][];
        FloatBuffer staging = inputBuffers.take(batchSize * per);
        try (Predictor<Batch, float[][]> p = model.newPredictor(new BatchTranslator(side))) {
            for (int start = 0; start < count; start += batchSize) {
                int n = Math.min(batchSize, count - start);
                staging.clear();
                staging.put(crops, start * per, n * per).flip();
                // the batch's input tensor is closed when predict returns, before the buffer is refilled
                float[][] rows = p.predict(new Batch(staging, n));
                System.arraycopy(rows, 0, out, start, n);
            }
        } catch (TranslateException e) {
            throw new ExtractionException("expression network failed on a batch of " + count + ": " + e.getMessage(), e);
        } finally {
            inputBuffers.give(staging);
        }
        return out;
    }

    @Override
    public void close() {
        inputBuffers.clear();
        model.close();
    }

    /** Crops packed as {@code n * side * side} floats. */
    record Batch(FloatBuffer pixels, int count) {
    }

    private static final class BatchTranslator implements NoBatchifyTranslator<Batch, float[][]> {
        private final int side;

        BatchTranslator(int side) {
            this.side = side;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, Batch input) {
            return new NDList(ctx.getNDManager().create(input.pixels(), new Shape(input.count(), side, side, 1)));
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList list) {
            NDArray probs = list.get(0);
            int n = (int) probs.getShape().get(0);
            int k = (int) probs.getShape().get(1);
            float[] flat = probs.toFloatArray();
            float[][] out = new float[n][k];
            for (int i = 0; i < n; i++) {
                System.arraycopy(flat, i * k, out[i], 0, k);
            }
            return out;
        }
    }

    /** The labels in the model's output order. */
    public List<String> labelNames() {
        return labels.labels();
    }
}
