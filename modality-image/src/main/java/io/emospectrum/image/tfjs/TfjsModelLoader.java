package io.emospectrum.image.tfjs;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads a TF.js graph model from a {@link ModelSource} (files verified against their
 * {@code SHA256SUMS} by {@link ModelFiles}) into a DJL {@link Model}: on the PyTorch engine with a
 * {@link TfjsGraphBlock} as its block (trainable, any device), or converted by
 * {@link TfjsOnnxConverter} and run by the OnnxRuntime engine (inference on the CPU, where it is
 * the faster of the two). Predictors come from {@code model.newPredictor(translator)}.
 */
public final class TfjsModelLoader {
    private static final Logger LOG = LoggerFactory.getLogger(TfjsModelLoader.class);

    /** The DJL engine that trains the imported graphs and runs them on a GPU. */
    public static final String ENGINE = "PyTorch";
    /** The DJL engine that runs converted graphs on the CPU. */
    public static final String ONNX_ENGINE = "OnnxRuntime";

    private final ModelFiles files;

    public TfjsModelLoader(ModelFiles files) {
        this.files = files;
    }

    public static TfjsModelLoader withDefaultCache() {
        return new TfjsModelLoader(ModelFiles.defaultCache());
    }

    /** The verified local directory (or file) of {@code source}. */
    public Path materialize(ModelSource source) {
        Path local = files.materialize(source, true);
        if (local == null) {
            throw new ModelLoadException("TF.js models load from the class path or a local directory, not " + source.describe());
        }
        return local;
    }

    /**
     * Reads the graph and its weights, verified.
     *
     * @param source   the model directory
     * @param jsonName the graph's {@code model.json} file name inside it
     */
    public TfjsGraph read(ModelSource source, String jsonName) {
        Path local = materialize(source);
        Path json = Files.isDirectory(local) ? local.resolve(jsonName) : local;
        if (!Files.isRegularFile(json)) {
            throw new ModelLoadException("no " + jsonName + " in " + source.describe());
        }
        return TfjsGraph.read(json);
    }

    /**
     * The graph on the PyTorch engine.
     *
     * @param trainable whether the weights take gradients
     */
    public Model load(ModelSource source, String jsonName, DeviceChoice device, boolean trainable) {
        return load(read(source, jsonName), device, trainable);
    }

    /** {@code graph} on the PyTorch engine, on {@code device}. */
    public Model load(TfjsGraph graph, DeviceChoice device, boolean trainable) {
        Device dev = device.resolve(ENGINE);
        Model model = Model.newInstance(graph.origin(), dev, ENGINE);
        try {
            model.setBlock(TfjsGraphBlock.create(graph, model.getNDManager(), trainable));
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e instanceof ModelLoadException m ? m
                    : new ModelLoadException("cannot build " + graph.origin() + " on " + dev + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code graph} for inference on the engine an option names: {@code onnxruntime} (converted to
     * ONNX; CPU only, about 1.5x PyTorch's speed there), {@code pytorch} ({@link TfjsGraphBlock}; any
     * device), or {@code auto}: onnxruntime where the model runs on the CPU and the graph converts,
     * PyTorch otherwise (and, with a warning, where onnxruntime refuses the converted graph).
     *
     * @param option what the option is called, for error messages
     * @throws ConfigurationException for another engine, or onnxruntime on a GPU
     */
    public Model loadForInference(TfjsGraph graph, DeviceChoice device, String engine, String option) {
        boolean gpu = device.resolve(ENGINE).isGpu();
        boolean onnx = switch (engine) {
            case "onnxruntime" -> {
                if (gpu) {
                    throw new ConfigurationException(option + " onnxruntime runs on the CPU only; the device is " + device);
                }
                yield true;
            }
            case "pytorch" -> false;
            case "auto" -> !gpu && TfjsOnnxConverter.unsupportedOps(graph).isEmpty();
            default -> throw new ConfigurationException(option + " must be auto, onnxruntime or pytorch, was '" + engine + "'");
        };
        if (!onnx) {
            return load(graph, device, false);
        }
        // Worker threads that spin after a run take the cores from whatever runs next (in the
        // pipeline: the other network, on another engine).
        try (OrtSession.SessionOptions ort = new OrtSession.SessionOptions()) {
            ort.addConfigEntry("session.intra_op.allow_spinning", "0");
            return loadOnnx(graph, Map.of("sessionOptions", ort));
        } catch (OrtException | ModelLoadException e) {
            if (!engine.equals("auto")) {
                throw e instanceof ModelLoadException m ? m
                        : new ModelLoadException("cannot set onnxruntime session options: " + e.getMessage(), e);
            }
            LOG.warn("{} does not run on onnxruntime ({}); running it on PyTorch", graph.origin(), e.getMessage());
            return load(graph, device, false);
        }
    }

    /**
     * {@code graph} converted to ONNX and run by onnxruntime on the CPU, for inference.
     *
     * @param sessionOptions DJL OnnxRuntime options ({@code intraOpNumThreads}, ..., or {@code sessionOptions}: an
     *                       {@code OrtSession.SessionOptions}); none for its defaults
     * @throws ModelLoadException if the graph has ops the converter does not translate
     *                            ({@link TfjsOnnxConverter#unsupportedOps}) or onnxruntime refuses it
     */
    public Model loadOnnx(TfjsGraph graph, Map<String, ?> sessionOptions) {
        byte[] onnx = TfjsOnnxConverter.convert(graph);
        Model model = Model.newInstance(graph.origin(), Device.cpu(), ONNX_ENGINE);
        try {
            model.load(new ByteArrayInputStream(onnx), sessionOptions);
            return model;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelLoadException("onnxruntime cannot load " + graph.origin() + " converted to ONNX: " + e.getMessage(), e);
        }
    }
}
