package io.emospectrum.text.head;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ExtractionException;
import io.emospectrum.model.ModelLoader;
import io.emospectrum.model.ModelSource;

import java.nio.file.Path;

/**
 * The trained {@link EmotionHead} loaded with DJL's PyTorch engine: feature rows in, one sigmoid
 * probability per label out. Thread-safe: a predictor per call.
 */
public final class HeadClassifier implements AutoCloseable {
    /** Base name of the parameter file ({@code goemotions-head-0000.params}). */
    public static final String PARAMS_NAME = "goemotions-head";

    private final ZooModel<float[][], float[][]> model;

    private HeadClassifier(ZooModel<float[][], float[][]> model) {
        this.model = model;
    }

    /** Loads {@code PARAMS_NAME-0000.params} from a verified local directory. */
    public static HeadClassifier load(Path dir, HeadConfig config, DeviceChoice device) {
        ZooModel<float[][], float[][]> m = ModelLoader.builder(float[][].class, float[][].class)
                .source(ModelSource.path(dir))
                .requireManifest(true)
                .engine("PyTorch")
                .device(device)
                .modelName(PARAMS_NAME)
                .block(EmotionHead.build(config))
                .translator(new SigmoidTranslator())
                .build().load();
        return new HeadClassifier(m);
    }

    public float[][] predict(float[][] features) {
        try (Predictor<float[][], float[][]> p = model.newPredictor()) {
            return p.predict(features);
        } catch (TranslateException e) {
            throw new ExtractionException("emotion head failed on " + features.length + " rows: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }

    /** Rows in, per-label sigmoid probabilities out. */
    private static final class SigmoidTranslator implements NoBatchifyTranslator<float[][], float[][]> {
        @Override
        public NDList processInput(TranslatorContext ctx, float[][] rows) {
            return new NDList(ctx.getNDManager().create(rows));
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList out) {
            NDArray p = Activation.sigmoid(out.singletonOrThrow());
            int n = (int) p.getShape().get(0);
            int k = (int) p.getShape().get(1);
            float[] flat = p.toFloatArray();
            float[][] rows = new float[n][k];
            for (int i = 0; i < n; i++) {
                System.arraycopy(flat, i * k, rows[i], 0, k);
            }
            return rows;
        }
    }
}
