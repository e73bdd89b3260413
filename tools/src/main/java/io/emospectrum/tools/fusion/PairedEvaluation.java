package io.emospectrum.tools.fusion;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.util.concurrent.Callable;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.fusion.FusedReading;
import io.emospectrum.fusion.ModalityReliability;
import io.emospectrum.fusion.SpectrumFuser;
import io.emospectrum.fusion.learn.LogisticRegression;
import io.emospectrum.fusion.pool.LearnedPooling;
import io.emospectrum.fusion.pool.LogLinearPooling;
import io.emospectrum.fusion.pool.PoolInput;
import io.emospectrum.fusion.pool.PoolingStrategy;
import io.emospectrum.fusion.pool.WeightedLinearPooling;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Span;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.spi.VoiceEmotionExtractor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The paired evaluation of fusion (issue 6): accuracy of each modality alone and fused on the
 * agreeing triples of a {@link PairedSet}, and the mean disagreement of agreeing vs disagreeing
 * triples. The modalities are whatever providers are on the class path (through the SPI).
 * Learned fusion and reliability weights are fitted on one fold (held-out actor) and measured on
 * the other, both ways. With {@code --train-out FILE} a learned model trained on all agreeing
 * triples is written.
 *
 * <pre>{@code ./emospectrum-tools evaluate fusion [--data DIR] [--actors 19,20]
 *     [--per-clip N] [--seed N] [--train-out FILE]}</pre>
 */
@Command(name = "fusion", mixinStandardHelpOptions = true, description = "Accuracy of each modality alone and fused on a synthetic paired set (FER2013 + RAVDESS + GoEmotions).")
public final class PairedEvaluation implements Callable<Integer> {

    @Option(names = "--data", description = "the shared data directory (default: ../shared/data)")
    private Path data = io.emospectrum.tools.SharedData.root();
    @Option(names = "--actors", split = ",", description = "RAVDESS actors whose clips are paired (default: 19,20)")
    private List<Integer> actors = List.of(19, 20);
    @Option(names = "--per-clip", defaultValue = "3", description = "triples per voice clip (default: ${DEFAULT-VALUE})")
    private int perClip;
    @Option(names = "--seed", defaultValue = "42")
    private long seed;
    @Option(names = "--train-out", description = "also write a learned pooling model trained on all agreeing triples")
    private Path trainOut;
    @Option(names = "--face-provider")
    private String faceProvider;
    @Option(names = "--voice-provider")
    private String voiceProvider;
    @Option(names = "--text-provider")
    private String textProvider;


    /** The modality readings of one triple. */
    record Scored(PairedSet.Triple triple, EmotionReading face, EmotionReading voice, EmotionReading text) {
        List<EmotionReading> all() {
            return List.of(face, voice, text);
        }
    }

@Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        List<PairedSet.Triple> triples = PairedSet.build(data, actors, perClip, seed);
        ExtractorOptions options = ExtractorOptions.defaults();
        List<Scored> scored;
        try (FaceEmotionExtractor face = ProviderRegistry.face().select(faceProvider).create(options);
             VoiceEmotionExtractor voice = ProviderRegistry.voice().select(voiceProvider).create(options);
             TextEmotionExtractor text = ProviderRegistry.text().select(textProvider).create(options)) {
            System.out.printf(Locale.ROOT, "models: face %s, voice %s, text %s%n", face.model(), voice.model(), text.model());
            scored = score(triples, face, voice, text);
        }
        Report report = evaluate(scored, actors.size());
        report.print(actors, perClip, seed);
        if (trainOut != null) {
            LearnedPooling model = train(scored.stream().filter(s -> s.triple().agreeing()).toList(), seed);
            model.write(trainOut, "PairedSet(actors " + actors + ", per-clip " + perClip + ", seed " + seed
                    + ") of FER2013 validation, RAVDESS, GoEmotions ekman test");
            System.out.println("learned model written to " + trainOut);
        }
        System.out.printf(Locale.ROOT, "time: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    static List<Scored> score(List<PairedSet.Triple> triples, FaceEmotionExtractor face, VoiceEmotionExtractor voice,
                              TextEmotionExtractor text) {
        Map<Path, EmotionReading> faces = new HashMap<>();
        Map<Path, EmotionReading> voices = new HashMap<>();
        Map<String, EmotionReading> texts = new HashMap<>();
        List<String> pending = triples.stream().map(PairedSet.Triple::text).distinct().toList();
        var analyses = text.analyzeAll(pending);
        for (int i = 0; i < pending.size(); i++) {
            texts.put(pending.get(i), analyses.get(i).overall());
        }
        List<Scored> out = new ArrayList<>(triples.size());
        for (PairedSet.Triple t : triples) {
            EmotionReading f = faces.computeIfAbsent(t.face(), face::classifyCrop);
            EmotionReading v = voices.computeIfAbsent(t.voice(), p -> voice.analyze(p).summary());
            out.add(new Scored(t, f, v, texts.get(t.text())));
        }
        return out;
    }

    /** Accuracy and disagreement figures. */
    record Report(int agreeing, int disagreeing, Map<String, Double> accuracy, double agreeingDisagreement,
                  double disagreeingDisagreement) {
        void print(List<Integer> actors, int perClip, long seed) {
            System.out.printf(Locale.ROOT, "paired set (synthetic pairing): actors %s, %d agreeing + %d disagreeing triples, "
                    + "per-clip %d, seed %d%n", actors, agreeing, disagreeing, perClip, seed);
            accuracy.forEach((k, v) -> System.out.printf(Locale.ROOT, "  accuracy %-32s %.4f%n", k, v));
            System.out.printf(Locale.ROOT, "  mean disagreement (JS, bits): agreeing %.4f, disagreeing %.4f%n",
                    agreeingDisagreement, disagreeingDisagreement);
        }
    }

    static Report evaluate(List<Scored> scored, int folds) {
        List<Scored> agree = scored.stream().filter(s -> s.triple().agreeing()).toList();
        List<Scored> disagree = scored.stream().filter(s -> !s.triple().agreeing()).toList();
        Map<String, Double> acc = new LinkedHashMap<>();
        acc.put("face alone", accuracy(agree, s -> s.face().dominant()));
        acc.put("voice alone", accuracy(agree, s -> s.voice().dominant()));
        acc.put("text alone", accuracy(agree, s -> s.text().dominant()));
        SpectrumFuser linear = new SpectrumFuser(new WeightedLinearPooling(), ModalityReliability.EQUAL);
        SpectrumFuser product = new SpectrumFuser(new LogLinearPooling(), ModalityReliability.EQUAL);
        acc.put("fused linear (equal)", accuracy(agree, s -> fuse(linear, s).reading().dominant()));
        acc.put("fused log-linear (equal)", accuracy(agree, s -> fuse(product, s).reading().dominant()));
        // reliability = accuracy on the other folds; learned = trained on the other folds
        int linearRel = 0;
        int productRel = 0;
        int learned = 0;
        if (folds > 1) {
            for (int f = 0; f < folds; f++) {
                int fold = f;
                List<Scored> train = agree.stream().filter(s -> s.triple().fold() != fold).toList();
                List<Scored> test = agree.stream().filter(s -> s.triple().fold() == fold).toList();
                ModalityReliability rel = ModalityReliability.of(accuracy(train, s -> s.face().dominant()),
                        accuracy(train, s -> s.voice().dominant()), accuracy(train, s -> s.text().dominant()));
                SpectrumFuser l = new SpectrumFuser(new WeightedLinearPooling(), rel);
                SpectrumFuser p = new SpectrumFuser(new LogLinearPooling(), rel);
                LearnedPooling model = train(train, 42 + f);
                for (Scored s : test) {
                    EmotionCategory y = s.triple().label();
                    linearRel += fuse(l, s).reading().dominant() == y ? 1 : 0;
                    productRel += fuse(p, s).reading().dominant() == y ? 1 : 0;
                    learned += model.pool(inputs(s, ModalityReliability.EQUAL)).dominant() == y ? 1 : 0;
                }
            }
            acc.put("fused linear (reliability, CV)", linearRel / (double) agree.size());
            acc.put("fused log-linear (reliability, CV)", productRel / (double) agree.size());
            acc.put("fused learned (CV by actor)", learned / (double) agree.size());
        }
        double dAgree = agree.stream().mapToDouble(s -> fuse(linear, s).disagreement()).average().orElse(Double.NaN);
        double dDisagree = disagree.stream().mapToDouble(s -> fuse(linear, s).disagreement()).average().orElse(Double.NaN);
        return new Report(agree.size(), disagree.size(), acc, dAgree, dDisagree);
    }

    static LearnedPooling train(List<Scored> train, long seed) {
        double[][] x = train.stream().map(s -> LearnedPooling.features(inputs(s, ModalityReliability.EQUAL))).toArray(double[][]::new);
        int[] y = train.stream().mapToInt(s -> s.triple().label().index()).toArray();
        LogisticRegression.Model m = new LogisticRegression(EmotionCategory.COUNT, 1e-3, 400, 0.05, seed).train(x, y);
        return new LearnedPooling(m.weights(), m.bias(), "paired-" + seed);
    }

    private static List<PoolInput> inputs(Scored s, ModalityReliability rel) {
        return s.all().stream().map(r -> new PoolInput(r.modality(), r.spectrum(), rel.of(r.modality()) * r.confidence())).toList();
    }

    private static FusedReading fuse(SpectrumFuser fuser, Scored s) {
        return fuser.fuse(s.all(), Span.WHOLE, null);
    }

    private static double accuracy(List<Scored> items, Function<Scored, EmotionCategory> predict) {
        return items.stream().filter(s -> predict.apply(s) == s.triple().label()).count() / (double) items.size();
    }
}
