package io.emospectrum.audio.train;

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
 * <pre>scripts/audio-model.sh evaluate [--data DIR] [--model DIR] [--actors 19-20]</pre>
 */
public final class EvaluateVoiceModel {
    private EvaluateVoiceModel() {
    }

    public static void main(String[] args) {
        Map<String, String> a = Args.parse(args);
        Path data = Path.of(a.getOrDefault("data", RavdessCorpus.defaultDirectory().toString()));
        Set<Integer> actors = RavdessCorpus.parseActors(a.getOrDefault("actors", "19-20"));
        ExtractorOptions.Builder options = ExtractorOptions.builder().device(DeviceChoice.CPU);
        if (a.containsKey("model")) {
            options.model(ModelSource.path(Path.of(a.get("model"))));
        }
        long t0 = System.nanoTime();
        try (VoiceEmotionExtractor x = new GruVoiceProvider().create(options.build())) {
            Result r = evaluate(x, RavdessCorpus.clips(data, actors));
            System.out.printf(Locale.ROOT, "model %s, actors %s: %d clips, accuracy %.3f, UAR %.3f, %d clips without speech (%.0f s)%n%s",
                    x.model(), actors, r.matrix().total(), r.matrix().accuracy(), r.matrix().unweightedAverageRecall(),
                    r.unscored(), (System.nanoTime() - t0) / 1e9, r.matrix().format());
        }
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
