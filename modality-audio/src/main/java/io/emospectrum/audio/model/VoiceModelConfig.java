package io.emospectrum.audio.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.emospectrum.audio.features.FeatureConfig;
import io.emospectrum.error.ModelLoadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything needed to rebuild and feed the net, saved next to its weights as
 * {@value #FILE_NAME}: identity, labels, feature settings, window, architecture and the training
 * set's feature statistics.
 *
 * @param name          model name reported in readings
 * @param version       model version
 * @param labels        the net's output labels in order
 * @param features      frame analysis settings
 * @param windowFrames  frames per scored window
 * @param hopFrames     frames between window starts
 * @param stack         consecutive frames stacked into one recurrent step
 * @param projection    width of the per-step projection before the recurrent layer
 * @param hidden        GRU state size per direction
 * @param layers        GRU layers
 * @param bidirectional whether the GRU reads both ways
 * @param dropout       dropout rate used in training
 * @param cepstralMeanNormalization whether each window's MFCCs have their mean over the window's
 *                      speech frames removed (takes out the speaker's and the channel's spectral envelope)
 * @param relativePitch whether voiced frames' log pitch is taken relative to the window's median
 *                      voiced pitch (takes out the speaker's voice register: a low male and a high
 *                      female voice read the same when their intonation is the same)
 * @param featureMean   per-dimension mean of the training windows
 * @param featureStd    per-dimension standard deviation of the training windows
 * @param members       the weight files' model names: one net, or several trained with different
 *                      seeds whose probabilities are averaged (an ensemble); null means just {@code name}
 * @param training      how the weights were made (data, split, seed, epochs, figures), for provenance
 * @param branches      independent nets inside one weight file, trained side by side and run in one
 *                      forward pass, whose probabilities are averaged (an ensemble at the cost of one
 *                      call); 0 or 1 means a single net (settings files without the field)
 * @param temperature   the net's logits are divided by this before the softmax: calibration fitted on
 *                      held-out data (temperature scaling), so that the top probability is as often
 *                      right as it claims; 0 or absent means 1 (uncalibrated)
 */
public record VoiceModelConfig(
        String name,
        String version,
        List<String> labels,
        FeatureConfig features,
        int windowFrames,
        int hopFrames,
        int stack,
        int projection,
        int hidden,
        int layers,
        boolean bidirectional,
        float dropout,
        boolean cepstralMeanNormalization,
        boolean relativePitch,
        float[] featureMean,
        float[] featureStd,
        List<String> members,
        java.util.Map<String, Object> training,
        int branches,
        float temperature) {

    public static final String FILE_NAME = "voice-model.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public VoiceModelConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        labels = List.copyOf(labels);
        Objects.requireNonNull(features, "features");
        training = training == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(training));
        members = members == null || members.isEmpty() ? List.of(name) : List.copyOf(members);
        branches = Math.max(1, branches);
        if (temperature == 0f) {
            temperature = 1f;
        }
        if (!(temperature > 0f) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite: " + temperature);
        }
        if (windowFrames % stack != 0 || hopFrames <= 0 || hopFrames > windowFrames) {
            throw new IllegalArgumentException("window of " + windowFrames + " frames must be a multiple of the stack "
                    + stack + " and hop " + hopFrames + " must be in (0, window]");
        }
        int dim = features.windowDimension();
        if (featureMean != null && (featureMean.length != dim || featureStd == null || featureStd.length != dim)) {
            throw new IllegalArgumentException("feature statistics must have " + dim + " values");
        }
    }

    public VoiceModelConfig withStatistics(float[] mean, float[] std) {
        return new VoiceModelConfig(name, version, labels, features, windowFrames, hopFrames, stack, projection, hidden,
                layers, bidirectional, dropout, cepstralMeanNormalization, relativePitch, mean, std, members, training, branches, temperature);
    }

    public VoiceModelConfig withTraining(java.util.Map<String, Object> info) {
        return new VoiceModelConfig(name, version, labels, features, windowFrames, hopFrames, stack, projection, hidden,
                layers, bidirectional, dropout, cepstralMeanNormalization, relativePitch, featureMean, featureStd, members, info, branches, temperature);
    }

    public VoiceModelConfig withMembers(List<String> names) {
        return new VoiceModelConfig(name, version, labels, features, windowFrames, hopFrames, stack, projection, hidden,
                layers, bidirectional, dropout, cepstralMeanNormalization, relativePitch, featureMean, featureStd, names, training, branches, temperature);
    }

    public VoiceModelConfig withTemperature(float t) {
        return new VoiceModelConfig(name, version, labels, features, windowFrames, hopFrames, stack, projection, hidden,
                layers, bidirectional, dropout, cepstralMeanNormalization, relativePitch, featureMean, featureStd, members, training,
                branches, t);
    }

    /** The net's input for one window of frames. */
    public float[][] windowInput(java.util.List<io.emospectrum.audio.features.FrameFeatures> frames) {
        return io.emospectrum.audio.features.WindowFeatures.build(features, frames, cepstralMeanNormalization, relativePitch, featureMean, featureStd);
    }

    public double windowSeconds() {
        return windowFrames * features.hop() / (double) features.sampleRate();
    }

    public double hopSeconds() {
        return hopFrames * features.hop() / (double) features.sampleRate();
    }

    public static VoiceModelConfig read(Path file) {
        try {
            return JSON.readValue(Files.readAllBytes(file), VoiceModelConfig.class);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot read voice model settings " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) throws IOException {
        Files.write(file, JSON.writeValueAsBytes(this));
    }
}
