package io.emospectrum.audio.model;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ExtractionException;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelLoader;
import io.emospectrum.model.ModelSource;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.taxonomy.BoundLabelMapping;
import io.emospectrum.taxonomy.LabelMapping;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A loaded voice model: the DJL {@link ZooModel}, its settings and its label mapping. Thread-safe:
 * predictors are not, so each call borrows one from a pool (created on demand, one per concurrent
 * caller at most) and gives it back.
 */
public final class VoiceModel implements AutoCloseable {
    /** Where the bundled model lives on the class path. */
    public static final String BUNDLED = "io/emospectrum/audio/models/ravdess-gru";
    /** SHA-256 of the bundled model's {@code SHA256SUMS} as released: a jar whose manifest differs is refused. */
    public static final String BUNDLED_MANIFEST_SHA256 = "0143ae44af4bfea9da54c49317a015dd53692a8b6cc444c85f89393047a47db7";
    /**
     * The multi-corpus model {@code speech-gru} 2.0.0 (RAVDESS, TESS, nEMO, ASED, TurEV-DB; telephone
     * augmentation; calibrated), also in this jar: better on other languages and on telephone audio,
     * worse on acted English like RAVDESS's. Choose it with
     * {@code ExtractorOptions.builder().model(ModelSource.bundled(SPEECH_GRU, VoiceModel.class, SPEECH_GRU_MANIFEST_SHA256))}.
     */
    public static final String SPEECH_GRU = "io/emospectrum/audio/models/speech-gru";
    /** SHA-256 of {@link #SPEECH_GRU}'s {@code SHA256SUMS}. */
    public static final String SPEECH_GRU_MANIFEST_SHA256 = "9e3c000fec77fbda08a92747e0fc83a3923d7e658f572c6f12d37640d6f1ea4d";
    public static final String LABEL_MAPPING_FILE = "label-mapping.json";

    private final VoiceModelConfig config;
    private final List<ZooModel<float[][], float[]>> members;
    private final BoundLabelMapping mapping;
    /** One predictor per member, handed out together. */
    private final ConcurrentLinkedDeque<List<Predictor<float[][], float[]>>> idle = new ConcurrentLinkedDeque<>();
    private final List<Predictor<float[][], float[]>> all = new ArrayList<>();
    private volatile boolean closed;

    private VoiceModel(VoiceModelConfig config, List<ZooModel<float[][], float[]>> members, BoundLabelMapping mapping) {
        this.config = config;
        this.members = List.copyOf(members);
        this.mapping = mapping;
    }

    /**
     * Verifies and loads a model directory ({@value VoiceModelConfig#FILE_NAME}, weights,
     * {@code SHA256SUMS}, and {@value #LABEL_MAPPING_FILE} unless {@code mapping} is given).
     */
    public static VoiceModel load(ModelSource source, LabelMapping mapping, DeviceChoice device, ModelFiles files) {
        Path dir = files.materialize(source, true);
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ModelLoadException("a voice model is a directory with " + VoiceModelConfig.FILE_NAME
                    + ", weights and SHA256SUMS; got " + source.describe());
        }
        VoiceModelConfig config = VoiceModelConfig.read(dir.resolve(VoiceModelConfig.FILE_NAME));
        if (config.featureMean() == null) {
            throw new ModelLoadException(source.describe() + ": " + VoiceModelConfig.FILE_NAME + " has no feature statistics");
        }
        LabelMapping m = mapping != null ? mapping : LabelMapping.fromJson(dir.resolve(LABEL_MAPPING_FILE));
        BoundLabelMapping bound = m.bind(config.labels());
        List<ZooModel<float[][], float[]>> zoos = new ArrayList<>();
        try {
            for (String member : config.members()) {
                zoos.add(ModelLoader.builder(float[][].class, float[].class)
                        .source(ModelSource.path(dir))
                        .requireManifest(true)
                        .files(files)
                        .engine("PyTorch")
                        .device(device)
                        .modelName(member)
                        .block(VoiceNet.build(config))
                        .translator(new VoiceTranslator(config.temperature()))
                        .build().load());
            }
        } catch (RuntimeException e) {
            zoos.forEach(ZooModel::close);
            throw e;
        }
        return new VoiceModel(config, zoos, bound);
    }

    public VoiceModelConfig config() {
        return config;
    }

    public BoundLabelMapping mapping() {
        return mapping;
    }

    public ModelId id() {
        return new ModelId(config.name(), config.version());
    }

    /** The device DJL runs the model on, as readings report it. */
    public String device() {
        return members.get(0).getNDManager().getDevice().toString();
    }

    /**
     * Label probabilities for each window (the mean over the ensemble's members); windows must
     * share one frame count.
     */
    public List<float[]> predict(List<float[][]> windows) {
        if (closed) {
            throw new IllegalStateException("the voice model is closed");
        }
        List<Predictor<float[][], float[]>> set = idle.pollFirst();
        if (set == null) {
            List<Predictor<float[][], float[]>> fresh = new ArrayList<>();
            for (ZooModel<float[][], float[]> m : members) {
                fresh.add(m.newPredictor());
            }
            synchronized (all) {
                all.addAll(fresh);
            }
            set = fresh;
        }
        try {
            List<float[]> mean = null;
            for (Predictor<float[][], float[]> p : set) {
                List<float[]> out = windows.size() == 1 ? List.of(p.predict(windows.get(0))) : p.batchPredict(windows);
                if (mean == null) {
                    mean = new ArrayList<>();
                    for (float[] o : out) {
                        mean.add(o.clone());
                    }
                } else {
                    for (int i = 0; i < out.size(); i++) {
                        float[] m = mean.get(i);
                        for (int k = 0; k < m.length; k++) {
                            m[k] += out.get(i)[k];
                        }
                    }
                }
            }
            for (float[] m : mean) {
                for (int k = 0; k < m.length; k++) {
                    m[k] /= set.size();
                }
            }
            return mean;
        } catch (TranslateException | RuntimeException e) {
            throw new ExtractionException("voice model inference failed: " + e.getMessage(), e);
        } finally {
            idle.addFirst(set);
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (all) {
            all.forEach(Predictor::close);
            all.clear();
        }
        idle.clear();
        members.forEach(ZooModel::close);
    }
}
