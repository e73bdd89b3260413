package io.emospectrum.tools.voice;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.util.concurrent.Callable;
import io.emospectrum.tools.eval.ConfusionMatrix;
import io.emospectrum.audio.GruVoiceProvider;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.model.ModelSource;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.VoiceAnalysis;
import io.emospectrum.spi.VoiceEmotionExtractor;
import io.emospectrum.tools.text.CalibrationMetrics;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The {@code evaluate} command: runs the shipped extractor, exactly as users call it
 * ({@code analyze(Path)}: decoding, windows, voice activity, summary), over the clips of held-out
 * RAVDESS actors and prints accuracy, unweighted average recall, mean confidence, ECE and the
 * confusion matrix of the summary's top category (calm counts as neutral).
 *
 * <pre>./emospectrum-tools evaluate voice [--data DIR] [--model DIR] [--actors 19-20]</pre>
 */
@Command(name = "voice", mixinStandardHelpOptions = true, description = "Runs the shipped voice extractor over held-out RAVDESS actors: accuracy, UAR, confusion matrix.")
public final class EvaluateVoiceModel implements Callable<Integer> {

    @Option(names = "--data", description = "RAVDESS directory (default: <shared data>/speech/ravdess)")
    private Path data = RavdessCorpus.defaultDirectory();
    @Option(names = "--actors", defaultValue = "19-20",
            description = "actors evaluated, e.g. 19-20 or 1,3,5-7 (default: ${DEFAULT-VALUE})")
    private String actors;
    @Option(names = "--model", description = "a model directory (default: the bundled one)")
    private Path model;


@Override
    public Integer call() throws Exception {
        List<RavdessClip> clips = RavdessCorpus.clips(data, RavdessCorpus.parseActors(actors));
        ExtractorOptions.Builder options = ExtractorOptions.builder().device(DeviceChoice.CPU);
        if (model != null) {
            options.model(ModelSource.path(model));
        }
        long t0 = System.nanoTime();
        try (VoiceEmotionExtractor x = new GruVoiceProvider().create(options.build())) {
            Result r = evaluate(x, clips);
            System.out.printf(Locale.ROOT, "model %s, actors %s: %d clips, accuracy %.3f, UAR %.3f, mean confidence %.3f, ECE %.3f, "
                            + "AUROC %.3f (confidence of right vs wrong readings), %d clips without speech (%.0f s)%n%s",
                    x.model(), actors, r.matrix().total(), r.matrix().accuracy(), r.matrix().unweightedAverageRecall(),
                    r.calibration().meanConfidence(), r.calibration().ece(), r.calibration().auroc(), r.unscored(), (System.nanoTime() - t0) / 1e9,
                    r.matrix().format());
        }
        return 0;
    }

    /**
     * @param matrix      over the seven categories (RAVDESS calm counts as neutral)
     * @param unscored    clips with no scored window; they count as wrong
     * @param calibration the summaries' confidence against their correctness
     */
    public record Result(ConfusionMatrix matrix, int unscored, CalibrationMetrics.Summary calibration) {
    }

    /** Reads each clip as users do ({@code analyze(Path)}) and scores the summary's top category. */
    public static Result evaluate(VoiceEmotionExtractor x, List<RavdessClip> clips) {
        ConfusionMatrix cm = new ConfusionMatrix(SpeechCorpora.LABELS);
        int unscored = 0;
        double[] confidence = new double[clips.size()];
        boolean[] correct = new boolean[clips.size()];
        for (int i = 0; i < clips.size(); i++) {
            RavdessClip c = clips.get(i);
            VoiceAnalysis a = x.analyze(c.file());
            int truth = SpeechCorpora.categoryOf(RavdessCorpus.LABELS.get(c.label()));
            var scores = a.summary().modelScores();
            float[] category = new float[SpeechCorpora.LABELS.size()];
            for (int k = 0; k < scores.labels().size(); k++) {
                category[SpeechCorpora.categoryOf(scores.labels().get(k))] += scores.scores()[k];
            }
            int best = 0;
            for (int k = 1; k < category.length; k++) {
                if (category[k] > category[best]) {
                    best = k;
                }
            }
            if (a.windows().isEmpty()) {
                unscored++;
                best = (truth + 1) % category.length; // no reading: count it wrong
            }
            cm.add(truth, best);
            confidence[i] = a.summary().confidence();
            correct[i] = best == truth;
        }
        return new Result(cm, unscored, CalibrationMetrics.summarize(confidence, correct));
    }
}
