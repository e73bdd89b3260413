package io.emospectrum.text.byo;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.PairList;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ExtractionException;
import io.emospectrum.model.ModelLoader;
import io.emospectrum.model.ModelSource;
import io.emospectrum.text.encoder.TokenBatch;
import io.emospectrum.text.score.LabelScorer;

import java.nio.file.Path;
import java.util.List;

/**
 * A user's own Hugging Face sequence-classification model ({@code model.onnx} on OnnxRuntime or
 * TorchScript {@code model.pt} on PyTorch): token batch in, logits out, turned into probabilities
 * with a sigmoid per label for multi-label models and a softmax otherwise.
 */
public final class SequenceClassifierScorer implements LabelScorer {
    private final ZooModel<TokenBatch, float[][]> model;
    private final HfClassifierConfig config;

    private SequenceClassifierScorer(ZooModel<TokenBatch, float[][]> model, HfClassifierConfig config) {
        this.model = model;
        this.config = config;
    }

    public static SequenceClassifierScorer load(Path dir, HfClassifierConfig config, DeviceChoice device) {
        ModelLoader.Builder<TokenBatch, float[][]> b = ModelLoader.builder(TokenBatch.class, float[][].class)
                .source(ModelSource.path(dir))
                .engine(config.engine())
                .device(device)
                .modelName("model")
                .translator(new LogitsTranslator(config.multiLabel(), config.labels().size()));
        if (config.engine().equals("OnnxRuntime")) {
            // one thread per call: the extractor runs batches side by side (see SentenceEncoder)
            b.option("interOpNumThreads", "1").option("intraOpNumThreads", "1");
        }
        ZooModel<TokenBatch, float[][]> m = b.build().load();
        return new SequenceClassifierScorer(m, config);
    }

    @Override
    public List<String> labels() {
        return config.labels();
    }

    @Override
    public float[][] score(TokenBatch batch) {
        try (Predictor<TokenBatch, float[][]> p = model.newPredictor()) {
            return p.predict(batch);
        } catch (TranslateException e) {
            throw new ExtractionException("model " + config.engine() + " failed on a batch of " + batch.size() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String device() {
        return model.getNDManager().getDevice().toString();
    }

    @Override
    public void close() {
        model.close();
    }

    /** Feeds input_ids, attention_mask (and token_type_ids when declared); reads the logits. */
    static final class LogitsTranslator implements NoBatchifyTranslator<TokenBatch, float[][]> {
        private final boolean multiLabel;
        private final int labels;

        LogitsTranslator(boolean multiLabel, int labels) {
            this.multiLabel = multiLabel;
            this.labels = labels;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, TokenBatch batch) {
            NDManager m = ctx.getNDManager();
            PairList<String, Shape> declared = ctx.getModel().describeInput();
            // TorchScript declares no names: it gets the two inputs every BERT-like model takes, in HF order.
            List<String> names = declared == null || declared.isEmpty()
                    ? List.of("input_ids", "attention_mask") : declared.keys();
            NDList list = new NDList(names.size());
            for (String name : names) {
                NDArray a = switch (name) {
                    case "input_ids" -> m.create(batch.ids());
                    case "attention_mask" -> m.create(batch.mask());
                    case "token_type_ids" -> m.create(batch.typeIds());
                    default -> throw new IllegalStateException("model input '" + name + "' is not one of input_ids, attention_mask, token_type_ids");
                };
                a.setName(name);
                list.add(a);
            }
            return list;
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList out) {
            NDArray logits = out.get(0).toType(DataType.FLOAT32, false);
            if (logits.getShape().dimension() != 2 || logits.getShape().get(1) != labels) {
                throw new IllegalStateException("model returned logits of shape " + logits.getShape() + ", config.json declares "
                        + labels + " labels");
            }
            int n = (int) logits.getShape().get(0);
            float[] flat = logits.toFloatArray();
            float[][] rows = new float[n][labels];
            for (int i = 0; i < n; i++) {
                float[] r = rows[i];
                System.arraycopy(flat, i * labels, r, 0, labels);
                if (multiLabel) {
                    for (int k = 0; k < labels; k++) {
                        r[k] = (float) (1 / (1 + Math.exp(-r[k])));
                    }
                } else {
                    float max = Float.NEGATIVE_INFINITY;
                    for (float v : r) {
                        max = Math.max(max, v);
                    }
                    double sum = 0;
                    for (int k = 0; k < labels; k++) {
                        r[k] = (float) Math.exp(r[k] - max);
                        sum += r[k];
                    }
                    for (int k = 0; k < labels; k++) {
                        r[k] /= (float) sum;
                    }
                }
            }
            return rows;
        }
    }
}
