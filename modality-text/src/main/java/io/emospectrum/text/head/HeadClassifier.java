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
 * The trained {@link EmotionHead}: feature rows in, one sigmoid probability per label out. Runs the
 * head's ONNX graph ({@link HeadGraph}) on DJL's OnnxRuntime engine where the model directory has
 * one, else its parameters on the PyTorch engine (heads trained before the graph was written).
 * Thread-safe: a predictor per call.
 */
public final class HeadClassifier implements AutoCloseable {
    /** Base name of the parameter file ({@code goemotions-head-0000.params}). */
    public static final String PARAMS_NAME = "goemotions-head";

    private final ZooModel<float[][], float[][]> model;

    private HeadClassifier(ZooModel<float[][], float[][]> model) {
        this.model = model;
    }

    /** Loads {@value HeadGraph#FILE_NAME}, else {@code PARAMS_NAME-0000.params}, from a verified local directory. */
    public static HeadClassifier load(Path dir, HeadConfig config, DeviceChoice device) {
        if (java.nio.file.Files.isRegularFile(dir.resolve(HeadGraph.FILE_NAME))) {
            return new HeadClassifier(ModelLoader.builder(float[][].class, float[][].class)
                    .source(ModelSource.path(dir))
                    .requireManifest(true)
                    .engine("OnnxRuntime")
                    .device(device)
                    .modelName(HeadGraph.MODEL_NAME)
                    // A few hundred thousand multiply-adds per text: one thread, so that no second
                    // pool of spinning worker threads competes with the encoder's.
                    .option("intraOpNumThreads", "1")
                    .option("interOpNumThreads", "1")
                    .translator(new RowsTranslator(false))
                    .build().load());
        }
        return loadParams(dir, config, device);
    }

    /** The head from its PyTorch parameters, whether or not the directory also has its graph. */
    public static HeadClassifier loadParams(Path dir, HeadConfig config, DeviceChoice device) {
        ZooModel<float[][], float[][]> m = ModelLoader.builder(float[][].class, float[][].class)
                .source(ModelSource.path(dir))
                .requireManifest(true)
                .engine("PyTorch")
                .device(device)
                .modelName(PARAMS_NAME)
                .block(EmotionHead.build(config))
                .translator(new RowsTranslator(true))
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

    /** The DJL engine that runs the head ({@code OnnxRuntime} for a graph, {@code PyTorch} for parameters). */
    public String engine() {
        return model.getNDManager().getEngine().getEngineName();
    }

    @Override
    public void close() {
        model.close();
    }

    /** Rows in, per-label probabilities out (the sigmoid applied here for the parameters, in the graph for ONNX). */
    private static final class RowsTranslator implements NoBatchifyTranslator<float[][], float[][]> {
        private final boolean sigmoid;

        RowsTranslator(boolean sigmoid) {
            this.sigmoid = sigmoid;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, float[][] rows) {
            return new NDList(ctx.getNDManager().create(rows));
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList out) {
            NDArray p = sigmoid ? Activation.sigmoid(out.singletonOrThrow()) : out.singletonOrThrow();
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
