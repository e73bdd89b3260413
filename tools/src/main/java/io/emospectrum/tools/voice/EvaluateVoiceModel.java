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

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code evaluate} command: runs the shipped extractor, exactly as users call it
 * ({@code analyze(Path)}: decoding, windows, voice activity, summary), over the clips of held-out
 * RAVDESS actors and prints accuracy, unweighted average recall and the confusion matrix of the
 * summary's top model label.
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
            System.out.printf(Locale.ROOT, "model %s, actors %s: %d clips, accuracy %.3f, UAR %.3f, %d clips without speech (%.0f s)%n%s",
                    x.model(), actors, r.matrix().total(), r.matrix().accuracy(), r.matrix().unweightedAverageRecall(),
                    r.unscored(), (System.nanoTime() - t0) / 1e9, r.matrix().format());
        }
        return 0;
    }

    /** @param unscored clips with no scored window; they count as wrong */
    public record Result(ConfusionMatrix matrix, int unscored) {
    }

    public static Result evaluate(VoiceEmotionExtractor x, List<RavdessClip> clips) {
        ConfusionMatrix cm = new ConfusionMatrix(RavdessCorpus.LABELS);
        int unscored = 0;
        for (RavdessClip c : clips) {
            VoiceAnalysis a = x.analyze(c.file());
            float[] s = a.summary().modelScores().scores();
            if (a.windows().isEmpty()) {
                unscored++;
            }
            int best = 0;
            for (int k = 1; k < s.length; k++) {
                if (s[k] > s[best]) {
                    best = k;
                }
            }
            // An unscored clip has all-zero scores; count it against the first other label so it is wrong.
            cm.add(c.label(), a.windows().isEmpty() ? (c.label() + 1) % s.length : best);
        }
        return new Result(cm, unscored);
    }
}
