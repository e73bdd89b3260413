package io.emospectrum.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ModelLoadException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Loads a model through DJL {@link Criteria} from a {@link ModelSource}, after verifying its files
 * against their SHA-256 manifest, on the device that {@link DeviceChoice} resolves to.
 *
 * <pre>{@code
 * ZooModel<float[][], float[][]> model = ModelLoader.builder(float[][].class, float[][].class)
 *         .source(ModelSource.classpath("io/emospectrum/audio/models/ravdess-gru"))
 *         .engine("PyTorch").translator(new MyTranslator())
 *         .build().load();
 * }</pre>
 *
 * @param <I> predictor input type
 * @param <O> predictor output type
 */
public final class ModelLoader<I, O> {
    static {
        NetworkPolicy.apply(); // before any DJL engine starts: offline, no telemetry
    }

    private final Class<I> inputType;
    private final Class<O> outputType;
    private final ModelSource source;
    private final String engine;
    private final DeviceChoice device;
    private final String modelName;
    private final Translator<I, O> translator;
    private final TranslatorFactory translatorFactory;
    private final Block block;
    private final Map<String, String> options;
    private final Map<String, Object> arguments;
    private final boolean requireManifest;
    private final ModelFiles files;

    private ModelLoader(Builder<I, O> b) {
        this.inputType = b.inputType;
        this.outputType = b.outputType;
        this.source = b.source;
        this.engine = b.engine;
        this.device = b.device;
        this.modelName = b.modelName;
        this.translator = b.translator;
        this.translatorFactory = b.translatorFactory;
        this.block = b.block;
        this.options = Map.copyOf(b.options);
        this.arguments = Map.copyOf(b.arguments);
        this.requireManifest = b.requireManifest;
        this.files = b.files;
    }

    public static <I, O> Builder<I, O> builder(Class<I> inputType, Class<O> outputType) {
        return new Builder<>(inputType, outputType);
    }

    /** The device this loader will use, resolved against the engine's GPUs. */
    public Device resolveDevice() {
        return device.resolve(engine);
    }

    /**
     * Verifies and loads the model.
     *
     * @throws io.emospectrum.error.ChecksumMismatchException if a file was altered
     * @throws ModelLoadException                             for any other failure, with the cause
     */
    public ZooModel<I, O> load() {
        Path local = files.materialize(source, requireManifest);
        Device dev = resolveDevice();
        Criteria.Builder<I, O> c = Criteria.builder().setTypes(inputType, outputType)
                .optEngine(engine)
                .optDevice(dev);
        if (local != null) {
            c.optModelPath(local);
        } else {
            c.optModelUrls(((ModelSource.Url) source).uri().toString());
        }
        if (modelName != null) {
            c.optModelName(modelName);
        }
        if (translator != null) {
            c.optTranslator(translator);
        }
        if (translatorFactory != null) {
            c.optTranslatorFactory(translatorFactory);
        }
        if (block != null) {
            c.optBlock(block);
        }
        options.forEach(c::optOption);
        arguments.forEach(c::optArgument);
        try {
            return c.build().loadModel();
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new ModelLoadException("cannot load model from " + source.describe() + " with engine " + engine
                    + " on " + dev + ": " + e.getMessage(), e);
        }
    }

    /** Validates and defaults in {@link #build()}: the engine and source are required. */
    public static final class Builder<I, O> {
        private final Class<I> inputType;
        private final Class<O> outputType;
        private ModelSource source;
        private String engine;
        private DeviceChoice device;
        private String modelName;
        private Translator<I, O> translator;
        private TranslatorFactory translatorFactory;
        private Block block;
        private final Map<String, String> options = new LinkedHashMap<>();
        private final Map<String, Object> arguments = new LinkedHashMap<>();
        private boolean requireManifest;
        private ModelFiles files;

        private Builder(Class<I> inputType, Class<O> outputType) {
            this.inputType = Objects.requireNonNull(inputType);
            this.outputType = Objects.requireNonNull(outputType);
        }

        public Builder<I, O> source(ModelSource source) {
            this.source = source;
            return this;
        }

        /** DJL engine name: {@code "PyTorch"} or {@code "OnnxRuntime"}. */
        public Builder<I, O> engine(String engine) {
            this.engine = engine;
            return this;
        }

        public Builder<I, O> device(DeviceChoice device) {
            this.device = device;
            return this;
        }

        /** The model file's base name inside the directory (DJL's {@code optModelName}). */
        public Builder<I, O> modelName(String modelName) {
            this.modelName = modelName;
            return this;
        }

        public Builder<I, O> translator(Translator<I, O> translator) {
            this.translator = translator;
            return this;
        }

        public Builder<I, O> translatorFactory(TranslatorFactory factory) {
            this.translatorFactory = factory;
            return this;
        }

        /** For parameter files that need their network structure (DJL {@code .params}). */
        public Builder<I, O> block(Block block) {
            this.block = block;
            return this;
        }

        public Builder<I, O> option(String key, String value) {
            options.put(key, value);
            return this;
        }

        public Builder<I, O> argument(String key, Object value) {
            arguments.put(key, value);
            return this;
        }

        /** Refuse local directories without {@code SHA256SUMS} (class-path models always need one). */
        public Builder<I, O> requireManifest(boolean require) {
            this.requireManifest = require;
            return this;
        }

        public Builder<I, O> files(ModelFiles files) {
            this.files = files;
            return this;
        }

        public ModelLoader<I, O> build() {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(engine, "engine");
            if (device == null) {
                device = DeviceChoice.fromSystemProperty();
            }
            if (files == null) {
                files = ModelFiles.defaultCache();
            }
            return new ModelLoader<>(this);
        }
    }
}
