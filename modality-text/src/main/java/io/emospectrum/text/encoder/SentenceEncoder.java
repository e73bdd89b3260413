package io.emospectrum.text.encoder;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ExtractionException;
import io.emospectrum.model.ModelLoader;
import io.emospectrum.model.ModelSource;

import java.nio.file.Path;

/**
 * A BERT-style Transformer encoder (all-MiniLM-L6-v2 by default) run by DJL's OnnxRuntime
 * engine, turning padded token batches into pooled feature vectors (see
 * {@link PooledEncoderTranslator}). The model is shared; each call takes its own predictor, whose
 * native memory is freed when the call returns, so any number of threads may call at once. Each
 * call runs on its caller's thread alone (one onnxruntime intra-op thread): parallelism comes from
 * callers running batches side by side.
 */
public final class SentenceEncoder implements AutoCloseable {
    private final ZooModel<TokenBatch, float[][]> model;

    private SentenceEncoder(ZooModel<TokenBatch, float[][]> model) {
        this.model = model;
    }

    /**
     * @param dir       verified local directory holding {@code <modelName>.onnx}
     * @param modelName the ONNX file's base name
     */
    public static SentenceEncoder load(Path dir, String modelName, DeviceChoice device) {
        ZooModel<TokenBatch, float[][]> m = ModelLoader.builder(TokenBatch.class, float[][].class)
                .source(ModelSource.path(dir))
                .requireManifest(true)
                .engine("OnnxRuntime")
                .device(device)
                .modelName(modelName)
                // One thread per call: the extractor runs length-sorted batches side by side, one
                // per core, which beats one batch split across cores by onnxruntime (no barrier
                // per operator, no worker threads spinning between calls). DJL reads the intra-op
                // count only when the inter-op count is given too.
                .option("interOpNumThreads", "1")
                .option("intraOpNumThreads", "1")
                .translator(new PooledEncoderTranslator())
                .build().load();
        return new SentenceEncoder(m);
    }

    /** One pooled feature vector per window of the batch, in batch order. */
    public float[][] encode(TokenBatch batch) {
        try (Predictor<TokenBatch, float[][]> p = model.newPredictor()) {
            return p.predict(batch);
        } catch (TranslateException e) {
            throw new ExtractionException("encoder failed on a batch of " + batch.size() + " x " + batch.sequenceLength()
                    + " tokens: " + e.getMessage(), e);
        }
    }

    public String device() {
        return model.getNDManager().getDevice().toString();
    }

    @Override
    public void close() {
        model.close();
    }
}
