package io.emospectrum.tools.voice;

import io.emospectrum.audio.GruVoiceProvider;
import io.emospectrum.audio.model.VoiceModel;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code evaluate voice-corpora}: reads every clip of a speech manifest with a model, as recorded
 * and through a telephone channel (8 kHz, 300-3400 Hz, G.711), the way the extractor reads a file,
 * and prints per corpus: accuracy, macro-F1, mean confidence and ECE. Figures on clips a model was
 * trained on are not held-out figures: pick the speakers with {@code --speakers}, or use
 * {@code train voice-corpora --loco} for leave-one-corpus-out figures.
 */
@Command(name = "voice-corpora", mixinStandardHelpOptions = true,
        description = "Reads a speech manifest's clips clean and telephone-degraded: accuracy, macro-F1, mean confidence, ECE per corpus.")
public final class EvaluateVoiceCorpora implements Callable<Integer> {
    @Option(names = "--manifest", required = true, description = "manifest.tsv written by scripts/data/prepare_speech_corpora.sh")
    private Path manifest;
    @Option(names = "--cache", description = "feature cache directory (default: <manifest dir>/feature-cache)")
    private Path cache;
    @Option(names = "--model", description = "a model directory (default: the bundled one)")
    private Path model;
    @Option(names = "--speakers", split = ",", description = "only these speakers (e.g. ravdess-19,ravdess-20)")
    private Set<String> speakers;
    @Option(names = "--max-per-corpus", defaultValue = "0", description = "at most this many clips per corpus, spread over its speakers (0: all)")
    private int maxPerCorpus;
    @Option(names = "--threads", defaultValue = "2", description = "threads for feature extraction")
    private int threads;
    @Option(names = "--calibrate", description = "also fit a temperature on top of the model's: each corpus's on the other corpora's clips "
            + "(clean + telephone, cross-fitted), and one on all; prints the rows at the cross-fitted temperatures and the pooled ECE")
    private boolean calibrate;

    @Override
    public Integer call() throws Exception {
        List<SpeechCorpora.Clip> clips = SpeechCorpora.cap(SpeechCorpora.read(manifest), maxPerCorpus);
        CorpusVoiceTraining reader = new CorpusVoiceTraining(new CorpusVoiceTraining.Recipe(7, 0, 0, 128, 0, 0, false, 0, false));
        Path cacheDir = cache != null ? cache : manifest.toAbsolutePath().getParent().resolve("feature-cache");
        List<CorpusFeatures.Item> items = reader.store().load(clips, cacheDir, 7, threads);
        if (speakers != null) {
            items = items.stream().filter(i -> speakers.contains(i.clip().speaker())).toList();
        }
        ModelSource source = model != null ? ModelSource.path(model)
                : ModelSource.bundled(VoiceModel.BUNDLED, GruVoiceProvider.class, VoiceModel.BUNDLED_MANIFEST_SHA256);
        try (VoiceModel m = VoiceModel.load(source, null, DeviceChoice.CPU, ModelFiles.defaultCache())) {
            CorpusVoiceTraining.Scorer scorer = CorpusVoiceTraining.of(m);
            System.out.printf(Locale.ROOT, "model %s (temperature %.2f)%n%n", m.id(), m.config().temperature());
            System.out.println("| corpus | clips | clean accuracy | macro-F1 | mean confidence | ECE | telephone accuracy | macro-F1 | mean confidence | ECE |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            List<CorpusVoiceTraining.ClipScore> allClean = new ArrayList<>();
            List<CorpusVoiceTraining.ClipScore> allTel = new ArrayList<>();
            for (String corpus : SpeechCorpora.byCorpus(items.stream().map(CorpusFeatures.Item::clip).toList()).keySet()) {
                List<CorpusFeatures.Item> of = items.stream().filter(i -> i.clip().corpus().equals(corpus)).toList();
                List<CorpusVoiceTraining.ClipScore> c = reader.score(scorer, of, CorpusFeatures.CLEAN);
                List<CorpusVoiceTraining.ClipScore> t = reader.score(scorer, of, CorpusFeatures.TELEPHONE);
                allClean.addAll(c);
                allTel.addAll(t);
                print(corpus, c, t);
            }
            print("all", allClean, allTel);
            score("model's temperature", allClean, allTel, c -> 1.0);
            if (calibrate) {
                calibrated(allClean, allTel);
            }
        }
        return 0;
    }

    /**
     * The figures at temperatures fitted on held-out clips: corpus k's temperature is fitted on the
     * other corpora's clips (so no clip calibrates itself), the one to ship on all of them.
     */
    private static void calibrated(List<CorpusVoiceTraining.ClipScore> clean, List<CorpusVoiceTraining.ClipScore> tel) {
        java.util.Map<String, Double> foldT = new java.util.LinkedHashMap<>();
        for (CorpusVoiceTraining.ClipScore c : clean) {
            foldT.computeIfAbsent(c.corpus(), k -> {
                List<CorpusVoiceTraining.ClipScore> others = new ArrayList<>();
                clean.stream().filter(x -> !x.corpus().equals(k)).forEach(others::add);
                tel.stream().filter(x -> !x.corpus().equals(k)).forEach(others::add);
                return CorpusVoiceTraining.fitTemperature(others);
            });
        }
        System.out.println();
        System.out.println("| corpus | temperature (other corpora) | clean accuracy | macro-F1 | mean confidence | ECE | telephone accuracy | macro-F1 | mean confidence | ECE |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (var e : foldT.entrySet()) {
            CorpusVoiceTraining.Metrics c = CorpusVoiceTraining.Metrics.of(clean.stream().filter(x -> x.corpus().equals(e.getKey())).toList(), e.getValue());
            CorpusVoiceTraining.Metrics t = CorpusVoiceTraining.Metrics.of(tel.stream().filter(x -> x.corpus().equals(e.getKey())).toList(), e.getValue());
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n", e.getKey(), e.getValue(),
                    c.accuracy(), c.macroF1(), c.meanConfidence(), c.ece(), t.accuracy(), t.macroF1(), t.meanConfidence(), t.ece());
        }
        System.out.printf(Locale.ROOT, "pooled at the cross-fitted temperatures: clean %s | telephone %s%n",
                pooled(clean, foldT), pooled(tel, foldT));
        score("cross-fitted temperatures", clean, tel, c -> foldT.get(c.corpus()));
        List<CorpusVoiceTraining.ClipScore> both = new ArrayList<>(clean);
        both.addAll(tel);
        double t = CorpusVoiceTraining.fitTemperature(both);
        System.out.printf(Locale.ROOT, "temperature fitted on all (clean + telephone), on top of the model's: %.2f; pooled clean: %s%n",
                t, CorpusVoiceTraining.Metrics.of(clean, t).row());
    }

    private static String pooled(List<CorpusVoiceTraining.ClipScore> clips, java.util.Map<String, Double> foldT) {
        double[] conf = new double[clips.size()];
        boolean[] hit = new boolean[clips.size()];
        for (int i = 0; i < conf.length; i++) {
            CorpusVoiceTraining.Outcome o = clips.get(i).outcome(foldT.get(clips.get(i).corpus()));
            conf[i] = o.confidence();
            hit[i] = o.predicted() == clips.get(i).truth();
        }
        io.emospectrum.tools.text.CalibrationMetrics.Summary s = io.emospectrum.tools.text.CalibrationMetrics.summarize(conf, hit);
        return String.format(Locale.ROOT, "%d clips, accuracy %.3f, mean confidence %.3f, ECE %.3f", conf.length, s.accuracy(),
                s.meanConfidence(), s.ece());
    }

    /** The default model's rule: mean of (RAVDESS accuracy, mean accuracy over the other corpora). */
    private static void score(String what, List<CorpusVoiceTraining.ClipScore> clean, List<CorpusVoiceTraining.ClipScore> tel,
                              java.util.function.ToDoubleFunction<CorpusVoiceTraining.ClipScore> t) {
        System.out.printf(Locale.ROOT, "score at the %s (mean of RAVDESS and the other corpora's mean accuracy): clean %.3f, telephone %.3f%n",
                what, score(clean, t), score(tel, t));
    }

    private static double score(List<CorpusVoiceTraining.ClipScore> clips, java.util.function.ToDoubleFunction<CorpusVoiceTraining.ClipScore> t) {
        java.util.Map<String, double[]> hits = new java.util.LinkedHashMap<>();
        for (CorpusVoiceTraining.ClipScore c : clips) {
            double[] h = hits.computeIfAbsent(c.corpus(), k -> new double[2]);
            h[0] += c.outcome(t.applyAsDouble(c)).predicted() == c.truth() ? 1 : 0;
            h[1]++;
        }
        double others = hits.entrySet().stream().filter(e -> !e.getKey().equals("ravdess"))
                .mapToDouble(e -> e.getValue()[0] / e.getValue()[1]).average().orElse(Double.NaN);
        double[] r = hits.get("ravdess");
        return r == null ? others : (r[0] / r[1] + others) / 2;
    }

    private static void print(String name, List<CorpusVoiceTraining.ClipScore> clean, List<CorpusVoiceTraining.ClipScore> tel) {
        CorpusVoiceTraining.Metrics c = CorpusVoiceTraining.Metrics.of(clean, 1);
        CorpusVoiceTraining.Metrics t = CorpusVoiceTraining.Metrics.of(tel, 1);
        System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n", name, c.n(),
                c.accuracy(), c.macroF1(), c.meanConfidence(), c.ece(), t.accuracy(), t.macroF1(), t.meanConfidence(), t.ece());
    }
}
