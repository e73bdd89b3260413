package io.emospectrum.audio.model;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.error.ExtractionException;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelLoader;
import io.emospectrum.model.ModelManifest;
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
    /**
     * The default, {@code gru-ensemble} 1.1.0: {@link #RAVDESS_GRU} and {@link #SPEECH_GRU} read the same
     * windows, each calibrated on held-out speakers (temperatures 5.0 and 1.4), combined log-linearly
     * and calibrated again (temperature 1.0, fitted on leave-one-corpus-out folds: for corpora nobody
     * trained on); an ensemble directory ({@link VoiceEnsembleConfig}).
     */
    public static final String GRU_ENSEMBLE = "io/emospectrum/audio/models/gru-ensemble";
    /** SHA-256 of {@link #GRU_ENSEMBLE}'s {@code SHA256SUMS} as released: a jar whose manifest differs is refused. */
    public static final String GRU_ENSEMBLE_MANIFEST_SHA256 = "6b97e8f15ab24adeee02ef579500ef091e9f433525ea96802f4a7fb5d86c34af";
    /**
     * The multi-corpus net {@code speech-gru} 2.1.0 (variant {@code speech-gru}): RAVDESS (drawn three
     * times as often as each other corpus), TESS, nEMO, ASED and TurEV-DB less held-out speakers,
     * telephone augmentation, calibrated on the held-out speakers of all five.
     */
    public static final String SPEECH_GRU = "io/emospectrum/audio/models/speech-gru";
    /** SHA-256 of {@link #SPEECH_GRU}'s {@code SHA256SUMS}. */
    public static final String SPEECH_GRU_MANIFEST_SHA256 = "b2c40b3267eda1e35450811f4eaa37d53d0802318b3dc2f0ea61202bb89abf2b";
    /**
     * {@code ravdess-gru} 1.1.0 (variant {@code ravdess-gru}, the default before {@link #GRU_ENSEMBLE}):
     * RAVDESS actors 01-18 only; good on acted English like RAVDESS's, confidently wrong on other
     * voices, languages and telephone audio.
     */
    public static final String RAVDESS_GRU = "io/emospectrum/audio/models/ravdess-gru";
    /** SHA-256 of {@link #RAVDESS_GRU}'s {@code SHA256SUMS}. */
    public static final String RAVDESS_GRU_MANIFEST_SHA256 = "0143ae44af4bfea9da54c49317a015dd53692a8b6cc444c85f89393047a47db7";
    /** Where the default bundled model lives on the class path. */
    public static final String BUNDLED = GRU_ENSEMBLE;
    /** SHA-256 of the default bundled model's {@code SHA256SUMS}. */
    public static final String BUNDLED_MANIFEST_SHA256 = GRU_ENSEMBLE_MANIFEST_SHA256;
    public static final String LABEL_MAPPING_FILE = "label-mapping.json";

    private final VoiceModelConfig config;
    private final List<Member> members;
    private final BoundLabelMapping mapping;
    /** How an ensemble of different nets combines them; null: members share one net's settings and are averaged. */
    private final VoiceEnsembleConfig ensemble;
    /** Per-window confidence of an ensemble ({@link VoiceConfidenceCalibrator}); null: the temperature alone. */
    private final VoiceConfidenceCalibrator calibrator;
    /** One predictor per member, handed out together. */
    private final ConcurrentLinkedDeque<List<Predictor<float[][], float[]>>> idle = new ConcurrentLinkedDeque<>();
    private final List<Predictor<float[][], float[]>> all = new ArrayList<>();
    private volatile boolean closed;

    /**
     * One net. For an ensemble of different nets: the member's own feature statistics (the model's
     * window input is unnormalized) and, for each ensemble label, the member label indices whose
     * probabilities it sums.
     */
    private record Member(ZooModel<float[][], float[]> zoo, float[] mean, float[] std, int[][] toLabels) {
    }

    /**
     * What the model says about one window.
     *
     * @param probabilities what readings use: {@code combined}, re-tempered per window by the model's
     *                      {@link VoiceConfidenceCalibrator} when it has one (same dominant label)
     * @param combined      the members' combination at the ensemble's temperature (a single net: its output)
     * @param members       each member's probabilities in the ensemble's labels (after its own temperature);
     *                      empty for a single net
     */
    public record WindowPrediction(float[] probabilities, float[] combined, float[][] members) {
    }

    private VoiceModel(VoiceModelConfig config, List<Member> members, BoundLabelMapping mapping, VoiceEnsembleConfig ensemble,
                       VoiceConfidenceCalibrator calibrator) {
        this.config = config;
        this.members = List.copyOf(members);
        this.mapping = mapping;
        this.ensemble = ensemble;
        this.calibrator = calibrator;
    }

    /**
     * Verifies and loads a model directory ({@value VoiceModelConfig#FILE_NAME}, weights,
     * {@code SHA256SUMS}, and {@value #LABEL_MAPPING_FILE} unless {@code mapping} is given), or an
     * ensemble directory ({@value VoiceEnsembleConfig#FILE_NAME} and its members' files).
     */
    public static VoiceModel load(ModelSource source, LabelMapping mapping, DeviceChoice device, ModelFiles files) {
        Path dir = files.materialize(source, true);
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ModelLoadException("a voice model is a directory with " + VoiceModelConfig.FILE_NAME
                    + ", weights and SHA256SUMS; got " + source.describe());
        }
        if (Files.isRegularFile(dir.resolve(VoiceEnsembleConfig.FILE_NAME))) {
            return loadEnsemble(source, dir, mapping, device, files);
        }
        VoiceModelConfig config = VoiceModelConfig.read(dir.resolve(VoiceModelConfig.FILE_NAME));
        if (config.featureMean() == null) {
            throw new ModelLoadException(source.describe() + ": " + VoiceModelConfig.FILE_NAME + " has no feature statistics");
        }
        LabelMapping m = mapping != null ? mapping : LabelMapping.fromJson(dir.resolve(LABEL_MAPPING_FILE));
        BoundLabelMapping bound = m.bind(config.labels());
        List<Member> nets = new ArrayList<>();
        try {
            for (String member : config.members()) {
                nets.add(new Member(loadNet(dir, member, config, device, files), null, null, null));
            }
        } catch (RuntimeException e) {
            nets.forEach(n -> n.zoo().close());
            throw e;
        }
        return new VoiceModel(config, nets, bound, null, null);
    }

    private static VoiceModel loadEnsemble(ModelSource source, Path dir, LabelMapping mapping, DeviceChoice device, ModelFiles files) {
        VoiceEnsembleConfig e = VoiceEnsembleConfig.read(dir.resolve(VoiceEnsembleConfig.FILE_NAME));
        VoiceConfidenceCalibrator calibrator = VoiceConfidenceCalibrator.readOrNull(dir, e.members());
        if (calibrator != null && !listed(dir, VoiceConfidenceCalibrator.FILE_NAME)) {
            // Verified like the weights: a calibrator that SHA256SUMS does not cover could have been put there by anyone.
            throw new ModelLoadException(source.describe() + ": " + VoiceConfidenceCalibrator.FILE_NAME + " is not listed in "
                    + ModelManifest.FILE_NAME);
        }
        LabelMapping m = mapping != null ? mapping : LabelMapping.fromJson(dir.resolve(LABEL_MAPPING_FILE));
        BoundLabelMapping bound = m.bind(e.labels());
        int[] category = new int[e.labels().size()];
        for (int j = 0; j < category.length; j++) {
            category[j] = singleCategory(bound, j, source.describe() + ": ensemble label " + e.labels().get(j));
        }
        List<Member> nets = new ArrayList<>();
        VoiceModelConfig first = null;
        try {
            for (String name : e.members()) {
                VoiceModelConfig c = VoiceModelConfig.read(dir.resolve(VoiceEnsembleConfig.memberConfigFile(name)));
                if (c.featureMean() == null) {
                    throw new ModelLoadException(source.describe() + ": member " + name + " has no feature statistics");
                }
                if (first == null) {
                    first = c;
                } else if (!sameWindows(first, c)) {
                    throw new ModelLoadException(source.describe() + ": member " + name + " reads other frames or windows than "
                            + first.name() + "; an ensemble's members must share features, window, hop, stack and pitch/CMN settings");
                }
                BoundLabelMapping own = LabelMapping.fromJson(dir.resolve(VoiceEnsembleConfig.memberMappingFile(name))).bind(c.labels());
                List<List<Integer>> to = new ArrayList<>();
                for (int j = 0; j < category.length; j++) {
                    to.add(new ArrayList<>());
                }
                for (int i = 0; i < c.labels().size(); i++) {
                    int cat = singleCategory(own, i, source.describe() + ": member " + name + " label " + c.labels().get(i));
                    int j = indexOf(category, cat);
                    if (j < 0) {
                        throw new ModelLoadException(source.describe() + ": member " + name + " label " + c.labels().get(i)
                                + " maps to a category no ensemble label has");
                    }
                    to.get(j).add(i);
                }
                int[][] toLabels = to.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
                nets.add(new Member(loadNet(dir, name, c, device, files), c.featureMean(), c.featureStd(), toLabels));
            }
        } catch (RuntimeException ex) {
            nets.forEach(n -> n.zoo().close());
            throw ex;
        }
        // The ensemble's window input is unnormalized: each member applies its own statistics.
        int dim = first.features().windowDimension();
        float[] zero = new float[dim];
        float[] one = new float[dim];
        java.util.Arrays.fill(one, 1f);
        VoiceModelConfig config = new VoiceModelConfig(e.name(), e.version(), e.labels(), first.features(), first.windowFrames(),
                first.hopFrames(), first.stack(), first.projection(), first.hidden(), first.layers(), first.bidirectional(),
                first.dropout(), first.cepstralMeanNormalization(), first.relativePitch(), zero, one, e.members(), e.training(),
                1, e.temperature());
        return new VoiceModel(config, nets, bound, e, calibrator);
    }

    private static boolean listed(Path dir, String file) {
        Path sums = dir.resolve(ModelManifest.FILE_NAME);
        return Files.isRegularFile(sums) && ModelManifest.read(sums).files().containsKey(file);
    }

    private static ZooModel<float[][], float[]> loadNet(Path dir, String member, VoiceModelConfig config, DeviceChoice device, ModelFiles files) {
        return ModelLoader.builder(float[][].class, float[].class)
                .source(ModelSource.path(dir))
                .requireManifest(true)
                .files(files)
                .engine("PyTorch")
                .device(device)
                .modelName(member)
                .block(VoiceNet.build(config))
                .translator(new VoiceTranslator(config.temperature()))
                .build().load();
    }

    /** The one category that label {@code i} maps to with weight 1; an ensemble cannot split a label. */
    private static int singleCategory(BoundLabelMapping m, int i, String what) {
        float[] onehot = new float[m.labels().size()];
        onehot[i] = 1f;
        float[] c = m.categoryScores(onehot);
        for (int k = 0; k < c.length; k++) {
            if (Math.abs(c[k] - 1f) < 1e-6f) {
                return k;
            }
        }
        throw new ModelLoadException(what + " must map to exactly one category");
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static boolean sameWindows(VoiceModelConfig a, VoiceModelConfig b) {
        return a.features().equals(b.features()) && a.windowFrames() == b.windowFrames() && a.hopFrames() == b.hopFrames()
                && a.stack() == b.stack() && a.cepstralMeanNormalization() == b.cepstralMeanNormalization()
                && a.relativePitch() == b.relativePitch();
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
        return members.get(0).zoo().getNDManager().getDevice().toString();
    }

    /** How many nets read each window (the cost of a window is about this many times one net's). */
    public int nets() {
        return members.size();
    }

    /** The ensemble's per-window confidence calibrator, or null (a single net, or an ensemble calibrated by its temperature alone). */
    public VoiceConfidenceCalibrator calibrator() {
        return calibrator;
    }

    /** The members' names (an ensemble's file prefixes; a single net's branches). */
    public List<String> memberNames() {
        return ensemble == null ? config.members() : ensemble.members();
    }

    /**
     * Label probabilities for each window (the ensemble's combination of its members, calibrated);
     * windows must share one frame count.
     */
    public List<float[]> predict(List<float[][]> windows) {
        return predictWindows(windows).stream().map(WindowPrediction::probabilities).toList();
    }

    /** {@link #predict} with what went into each window's probabilities (the members' own, before any calibrator). */
    public List<WindowPrediction> predictWindows(List<float[][]> windows) {
        if (closed) {
            throw new IllegalStateException("the voice model is closed");
        }
        List<Predictor<float[][], float[]>> set = idle.pollFirst();
        if (set == null) {
            List<Predictor<float[][], float[]>> fresh = new ArrayList<>();
            for (Member m : members) {
                fresh.add(m.zoo().newPredictor());
            }
            synchronized (all) {
                all.addAll(fresh);
            }
            set = fresh;
        }
        try {
            List<List<float[]>> outs = new ArrayList<>();
            for (int k = 0; k < set.size(); k++) {
                Member m = members.get(k);
                List<float[][]> in = m.mean() == null ? windows : normalized(windows, m.mean(), m.std());
                Predictor<float[][], float[]> p = set.get(k);
                List<float[]> out = in.size() == 1 ? List.of(p.predict(in.get(0))) : p.batchPredict(in);
                outs.add(m.toLabels() == null ? out : out.stream().map(o -> relabel(o, m.toLabels())).toList());
            }
            List<String> names = memberNames();
            List<WindowPrediction> result = new ArrayList<>();
            for (int i = 0; i < windows.size(); i++) {
                float[][] per = new float[outs.size()][];
                for (int k = 0; k < per.length; k++) {
                    per[k] = outs.get(k).get(i);
                }
                float[] combined = combine(per);
                float[] p = calibrator == null ? combined : calibrator.apply(combined, per, names);
                result.add(new WindowPrediction(p, combined, ensemble == null ? new float[0][] : per));
            }
            return result;
        } catch (TranslateException | RuntimeException e) {
            throw new ExtractionException("voice model inference failed: " + e.getMessage(), e);
        } finally {
            idle.addFirst(set);
        }
    }

    private float[] combine(float[][] per) {
        int n = per[0].length;
        float[] out = new float[n];
        if (ensemble == null || ensemble.combination() == VoiceEnsembleConfig.Combination.MEAN) {
            for (float[] p : per) {
                for (int j = 0; j < n; j++) {
                    out[j] += p[j] / per.length;
                }
            }
        } else {
            for (float[] p : per) {
                for (int j = 0; j < n; j++) {
                    out[j] += (float) Math.log(Math.max(p[j], 1e-9f)) / per.length;
                }
            }
            for (int j = 0; j < n; j++) {
                out[j] = (float) Math.exp(out[j]);
            }
        }
        // A single net's temperature is applied to its logits by its translator; an ensemble's here.
        double inv = ensemble == null ? 1 : 1.0 / ensemble.temperature();
        double z = 0;
        for (int j = 0; j < n; j++) {
            out[j] = (float) (inv == 1 ? out[j] : Math.pow(Math.max(out[j], 1e-12f), inv));
            z += out[j];
        }
        if (ensemble != null) {
            for (int j = 0; j < n; j++) {
                out[j] /= (float) z;
            }
        }
        return out;
    }

    private static List<float[][]> normalized(List<float[][]> windows, float[] mean, float[] std) {
        List<float[][]> out = new ArrayList<>(windows.size());
        for (float[][] w : windows) {
            float[][] x = new float[w.length][];
            for (int t = 0; t < w.length; t++) {
                float[] row = new float[w[t].length];
                for (int d = 0; d < row.length; d++) {
                    row[d] = (w[t][d] - mean[d]) / std[d];
                }
                x[t] = row;
            }
            out.add(x);
        }
        return out;
    }

    private static float[] relabel(float[] p, int[][] toLabels) {
        float[] out = new float[toLabels.length];
        for (int j = 0; j < out.length; j++) {
            for (int i : toLabels[j]) {
                out[j] += p[i];
            }
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (all) {
            all.forEach(Predictor::close);
            all.clear();
        }
        idle.clear();
        members.forEach(m -> m.zoo().close());
    }
}
