package io.emospectrum.tools.voice;

import io.emospectrum.audio.features.FeatureConfig;
import io.emospectrum.error.ConfigurationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code train voice}: rebuilds the voice model from RAVDESS with a speaker-independent split, or
 * with {@code --folds N} cross-validates the recipe and writes nothing (see {@link TrainVoiceModel}).
 */
@Command(name = "voice", mixinStandardHelpOptions = true,
        description = "Trains the voice GRU on RAVDESS (speaker-independent split), or cross-validates a recipe with --folds.")
public final class TrainVoiceCommand implements Callable<Integer> {
    @Option(names = "--data", description = "RAVDESS directory (default: <shared data>/speech/ravdess)")
    private Path data = RavdessCorpus.defaultDirectory();
    @Option(names = "--out", defaultValue = "target/voice-model", description = "model directory written (default: ${DEFAULT-VALUE})")
    private Path out;
    @Option(names = "--train-actors", defaultValue = "1-16")
    private String trainActors;
    @Option(names = "--validation-actors", defaultValue = "17-18",
            description = "chooses the epoch; 'none': the last epoch")
    private String valActors;
    @Option(names = "--test-actors", defaultValue = "19-20")
    private String testActors;
    @Option(names = "--folds", defaultValue = "0", description = "cross-validate over --cv-actors in N folds instead of training")
    private int folds;
    @Option(names = "--cv-actors", defaultValue = "1-20")
    private String cvActors;
    @Option(names = "--inner-validation", defaultValue = "0", description = "cross-validation: actors held out of each training fold to choose the epoch")
    private int innerValidation;

    @Option(names = "--seed", defaultValue = "7")
    private long seed;
    @Option(names = "--epochs", defaultValue = "30")
    private int epochs;
    @Option(names = "--hidden", defaultValue = "128")
    private int hidden;
    @Option(names = "--layers", defaultValue = "1")
    private int layers;
    @Option(names = "--lr", defaultValue = "0.003")
    private float learningRate;
    @Option(names = "--cmn", defaultValue = "false", arity = "0..1", description = "cepstral mean normalization")
    private boolean cmn;
    @Option(names = "--perturb", defaultValue = "false", arity = "0..1", description = "add speed-perturbed copies (--speeds)")
    private boolean perturb;
    @Option(names = "--members", defaultValue = "1", description = "nets in the ensemble")
    private int members;
    @Option(names = "--mfcc", description = "cepstral coefficients (default: the feature default)")
    private int mfcc = FeatureConfig.DEFAULT.mfccCount();
    @Option(names = "--stack", defaultValue = "2", description = "frames stacked per step")
    private int stack;
    @Option(names = "--mixup", defaultValue = "0", description = "alpha of mixup; 0: off")
    private float mixup;
    @Option(names = "--specaugment", defaultValue = "false", arity = "0..1")
    private boolean specAugment;
    @Option(names = "--smoothing", defaultValue = "0", description = "label smoothing")
    private float smoothing;
    @Option(names = "--relative-pitch", defaultValue = "false", arity = "0..1")
    private boolean relativePitch;
    @Option(names = "--speeds", defaultValue = "0.9,1.1", split = ",")
    private List<Double> speeds;
    @Option(names = "--branches", defaultValue = "1", description = "independent nets trained side by side in one block")
    private int branches;
    @Option(names = "--dropout", defaultValue = "0.3")
    private float dropout;

    @Override
    public Integer call() throws Exception {
        Set<Integer> trainActors = RavdessCorpus.parseActors(this.trainActors);
        Set<Integer> valActors = RavdessCorpus.parseActors(this.valActors);
        Set<Integer> testActors = RavdessCorpus.parseActors(this.testActors);
        TrainVoiceModel.Recipe recipe = new TrainVoiceModel.Recipe(seed, epochs, hidden, layers, learningRate, cmn, perturb, members, mfcc,
                stack, mixup, specAugment, smoothing, relativePitch, speeds, branches, dropout);
        TrainVoiceModel t = new TrainVoiceModel(recipe);
        System.out.println("recipe " + recipe);
        if (folds > 0) {
            t.crossValidate(data, RavdessCorpus.parseActors(cvActors), folds, innerValidation);
            return 0;
        }
        for (Set<Integer> other : List.of(valActors, testActors)) {
            if (other.stream().anyMatch(trainActors::contains)) {
                throw new ConfigurationException("an actor is in training and in validation or test: "
                        + trainActors + " / " + valActors + " / " + testActors);
            }
        }
        t.run(data, out, trainActors, valActors, testActors);
        return 0;
    }
}
