package io.emospectrum.text.encoder;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ExtractionException;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.model.ModelLoader;
import io.emospectrum.model.ModelSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A BERT-style Transformer encoder (all-MiniLM-L6-v2 by default) run by DJL's OnnxRuntime
 * engine, turning padded token batches into pooled feature vectors (see
 * {@link PooledEncoderTranslator}). The model is shared; each call takes its own predictor, whose
 * native memory is freed when the call returns, so any number of threads may call at once.
 *
 * <p>{@link #encode} runs on its caller's thread alone (one onnxruntime intra-op thread): parallelism
 * comes from callers running batches side by side. An encoder loaded with {@code wideThreads > 1}
 * on the CPU also holds a second session of the same file with that many intra-op threads, which
 * {@link #encodeWide} uses to spread one batch over the cores: a call with a single short text has
 * only one batch, and would otherwise leave the other cores idle (on 2 cores that was still the
 * faster choice, so the provider asks for the second session only when told to).
 */
public final class SentenceEncoder implements AutoCloseable {
    private final ZooModel<TokenBatch, float[][]> model;
    private final Model wide;
    private final int wideThreads;
    private final PooledEncoderTranslator translator = new PooledEncoderTranslator();

    private SentenceEncoder(ZooModel<TokenBatch, float[][]> model, Model wide, int wideThreads) {
        this.model = model;
        this.wide = wide;
        this.wideThreads = wideThreads;
    }

    /**
     * One session, one thread per call.
     *
     * @param dir       verified local directory holding {@code <modelName>.onnx}
     * @param modelName the ONNX file's base name
     */
    public static SentenceEncoder load(Path dir, String modelName, DeviceChoice device) {
        return load(dir, modelName, device, 1);
    }

    /**
     * @param wideThreads intra-op threads of a second session for {@link #encodeWide}; 1 (or a GPU
     *                    device, where the thread count does not matter) loads none
     */
    public static SentenceEncoder load(Path dir, String modelName, DeviceChoice device, int wideThreads) {
        if (wideThreads < 1) {
            throw new IllegalArgumentException("wideThreads must be >= 1, got " + wideThreads);
        }
        // One thread per call: the extractor runs length-sorted batches side by side, one per
        // core, which beats one batch split across cores by onnxruntime (no barrier per operator,
        // no worker threads spinning between calls).
        ZooModel<TokenBatch, float[][]> narrow = ModelLoader.builder(TokenBatch.class, float[][].class)
                .source(ModelSource.path(dir))
                .requireManifest(true)
                .engine("OnnxRuntime")
                .device(device)
                .modelName(modelName)
                // DJL reads the intra-op count only when the inter-op count is given too.
                .option("interOpNumThreads", "1")
                .option("intraOpNumThreads", "1")
                .translator(new PooledEncoderTranslator())
                .build().load();
        if (wideThreads == 1 || narrow.getNDManager().getDevice().isGpu()) {
            return new SentenceEncoder(narrow, null, 1);
        }
        try {
            return new SentenceEncoder(narrow, wideSession(dir, modelName, wideThreads), wideThreads);
        } catch (RuntimeException e) {
            narrow.close();
            throw e;
        }
    }

    /**
     * The second session, on the CPU, from the file the first one has just verified. Its pool's
     * threads do not spin (onnxruntime's default is to spin): spinning took the cores from other
     * work and was no faster for one text (nor was spinning stopped at the end of each run).
     */
    private static Model wideSession(Path dir, String modelName, int threads) {
        Model m = Model.newInstance(modelName, Device.cpu(), "OnnxRuntime");
        try (OrtSession.SessionOptions ort = new OrtSession.SessionOptions()) {
            ort.setInterOpNumThreads(1);
            ort.setIntraOpNumThreads(threads);
            ort.addConfigEntry("session.intra_op.allow_spinning", "0");
            m.load(dir, modelName, Map.of("sessionOptions", ort));
            return m;
        } catch (OrtException | IOException | MalformedModelException | RuntimeException e) {
            m.close();
            throw new ModelLoadException("cannot load the encoder " + modelName + " with " + threads + " threads: " + e.getMessage(), e);
        }
    }

    /** One pooled feature vector per window of the batch, in batch order, on the caller's thread alone. */
    public float[][] encode(TokenBatch batch) {
        try (Predictor<TokenBatch, float[][]> p = model.newPredictor()) {
            return predict(p, batch);
        }
    }

    /**
     * As {@link #encode}, the batch spread over {@link #wideThreads()} cores (the caller's thread
     * and onnxruntime's own); the same features within float rounding. Without a second session,
     * the same as {@link #encode}.
     */
    public float[][] encodeWide(TokenBatch batch) {
        if (wide == null) {
            return encode(batch);
        }
        try (Predictor<TokenBatch, float[][]> p = wide.newPredictor(translator)) {
            return predict(p, batch);
        }
    }

    /** Cores {@link #encodeWide} uses: 1 when this encoder has no second session. */
    public int wideThreads() {
        return wideThreads;
    }

    private static float[][] predict(Predictor<TokenBatch, float[][]> p, TokenBatch batch) {
        try {
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
        try {
            if (wide != null) {
                wide.close();
            }
        } finally {
            model.close();
        }
    }
}
