package io.emospectrum.image.tfjs;

import ai.djl.Device;
import ai.djl.Model;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelSource;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a TF.js graph model from a {@link ModelSource} (files verified against their
 * {@code SHA256SUMS} by {@link ModelFiles}) into a DJL {@link Model} on the PyTorch engine, with a
 * {@link TfjsGraphBlock} as its block. Predictors come from {@code model.newPredictor(translator)}.
 */
public final class TfjsModelLoader {
    /** The DJL engine the imported graphs run on. */
    public static final String ENGINE = "PyTorch";

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
     * @param source   the model directory
     * @param jsonName the graph's {@code model.json} file name inside it
     * @param trainable whether the weights take gradients
     */
    public Model load(ModelSource source, String jsonName, DeviceChoice device, boolean trainable) {
        Path local = materialize(source);
        Path json = Files.isDirectory(local) ? local.resolve(jsonName) : local;
        if (!Files.isRegularFile(json)) {
            throw new ModelLoadException("no " + jsonName + " in " + source.describe());
        }
        TfjsGraph graph = TfjsGraph.read(json);
        Device dev = device.resolve(ENGINE);
        Model model = Model.newInstance(jsonName, dev, ENGINE);
        try {
            model.setBlock(TfjsGraphBlock.create(graph, model.getNDManager(), trainable));
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e instanceof ModelLoadException m ? m
                    : new ModelLoadException("cannot build " + json + " on " + dev + ": " + e.getMessage(), e);
        }
    }
}
