package io.emospectrum.tools.text;

import io.emospectrum.conversation.ContextReader;
import io.emospectrum.conversation.ContextWindow;
import io.emospectrum.conversation.ConversationAnalysis;
import io.emospectrum.conversation.Turn;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.text.GoEmotionsMiniLmProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code evaluate text-context}: DailyDialog turn by turn through the shipped provider, each turn
 * read alone and read with the turns before it, as {@link TextEmotionExtractor#analyzeConversation}
 * does: macro-F1 over the categories the split has, accuracy, mean confidence and ECE.
 *
 * <p>On {@code validation} (the default) it prints a grid of context windows (blends of 1-4
 * earlier turns, whoever spoke them or the same speaker's, with shares 0.1-0.6) and, with
 * {@code --joined}, the other way to give context: the earlier turns' text joined to the turn with
 * the tokenizer's {@code [SEP]}, read as one text. On {@code test} it prints only "alone" and the
 * provider's own context window: the test split is measured once, after the choice.
 *
 * <pre>./emospectrum-tools evaluate text-context [--dailydialog DIR] [--split validation|test] [--joined]</pre>
 */
@Command(name = "text-context", mixinStandardHelpOptions = true,
        description = "DailyDialog turns read alone and with the turns before them (conversation API): macro-F1, accuracy, ECE.")
public final class EvaluateDialogueContext implements Callable<Integer> {
    private static final int BATCH = 256;

    @Option(names = "--dailydialog", description = "ConvLab-3 DailyDialog snapshot (data/dialogues.json); default /work/data-extra/snapshots/dailydialog")
    private Path data = DailyDialogCorpus.defaultDir();
    @Option(names = "--split", defaultValue = "validation", description = "validation or test (default: ${DEFAULT-VALUE})")
    private String split;
    @Option(names = "--variant", defaultValue = "int8", description = "default: ${DEFAULT-VALUE}")
    private String variant;
    @Option(names = "--joined", description = "also read each turn joined to its 1-2 earlier turns with [SEP] (validation only)")
    private boolean joined;
    @Option(names = "--fit-temperature", description = "validation only: fit the temperature of the provider's window's blended distribution "
            + "(negative log-likelihood of the gold category), print the window with it, and skip the grid")
    private boolean fitTemperature;

    @Override
    public Integer call() throws Exception {
        if (!split.equals("validation") && !split.equals("test")) {
            throw new IllegalArgumentException("--split must be validation or test, was " + split);
        }
        List<DailyDialogCorpus.Dialogue> dialogues = DailyDialogCorpus.read(data, split);
        List<String> texts = new ArrayList<>();
        List<EmotionCategory> gold = new ArrayList<>();
        for (DailyDialogCorpus.Dialogue d : dialogues) {
            texts.addAll(d.conversation().texts());
            gold.addAll(d.gold());
        }
        System.out.printf(Locale.ROOT, "DailyDialog %s: %d dialogues, %d turns; provider %s, variant %s%n", split, dialogues.size(),
                texts.size(), GoEmotionsMiniLmProvider.NAME, variant);
        ExtractorOptions options = ExtractorOptions.builder().property("variant", variant).build();
        try (TextEmotionExtractor x = ProviderRegistry.text().select(GoEmotionsMiniLmProvider.NAME).create(options)) {
            long t0 = System.nanoTime();
            List<TextAnalysis> alone = readAll(x, texts);
            System.out.printf(Locale.ROOT, "read %d turns alone in %.1f s%n", texts.size(), (System.nanoTime() - t0) / 1e9);
            System.out.println();
            System.out.println("| context | previous turns | share | macro-F1 | accuracy | mean confidence | ECE |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
            row("alone", ContextWindow.NONE, dialogues, alone, gold);
            ContextWindow shipped = x.contextWindow();
            if (fitTemperature) {
                if (split.equals("test")) {
                    throw new IllegalArgumentException("--fit-temperature fits on validation only");
                }
                ContextWindow plain = shipped.withTemperature(1f);
                row("provider's window, temperature 1", plain, dialogues, alone, gold);
                row("provider's window as shipped (temperature " + shipped.temperature() + ")", shipped, dialogues, alone, gold);
                List<float[]> p = new ArrayList<>();
                List<Integer> g = new ArrayList<>();
                List<Double> w = new ArrayList<>();
                for (EmotionReading r : readings(plain, dialogues, alone)) {
                    p.add(r.spectrum().probabilities());
                    g.add(gold.get(g.size()).index());
                    w.add(1.0);
                }
                double t = MultiCorpusRecipes.fitTemperature(p, g, w);
                System.out.printf(Locale.ROOT, "fitted temperature of the blended distribution: %.4f%n", t);
                row("provider's window, fitted temperature", plain.withTemperature((float) t), dialogues, alone, gold);
                // the goal is confidence that matches accuracy: the grid temperature with the lowest ECE is the one to ship
                double bestT = 1;
                double bestEce = Double.POSITIVE_INFINITY;
                for (int k = 30; k <= 100; k += 2) {
                    float grid = k / 100f;
                    CorpusMetrics.Result m = metrics(readings(plain.withTemperature(grid), dialogues, alone), gold);
                    System.out.printf(Locale.ROOT, "| temperature %.2f | | | %.4f | %.4f | %.4f | %.4f |%n", grid, m.macroF1(), m.accuracy(),
                            m.meanConfidence(), m.ece());
                    if (m.ece() < bestEce) {
                        bestEce = m.ece();
                        bestT = grid;
                    }
                }
                System.out.printf(Locale.ROOT, "lowest ECE on the grid: temperature %.2f (ECE %.4f)%n", bestT, bestEce);
                return 0;
            }
            if (split.equals("test")) {
                row("provider's window", shipped, dialogues, alone, gold);
                return 0;
            }
            for (ContextWindow.Scope scope : ContextWindow.Scope.values()) {
                for (int k = 1; k <= 4; k++) {
                    for (float w : new float[]{0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}) {
                        row(scope == ContextWindow.Scope.ALL_SPEAKERS ? "blend, any speaker" : "blend, same speaker",
                                new ContextWindow(k, w, scope, ContextWindow.Share.FIXED), dialogues, alone, gold);
                    }
                }
            }
            for (int k = 1; k <= 4; k++) {
                for (float w : new float[]{0.3f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f}) {
                    row("blend by uncertainty, any speaker", new ContextWindow(k, w, ContextWindow.Scope.ALL_SPEAKERS,
                            ContextWindow.Share.BY_UNCERTAINTY), dialogues, alone, gold);
                }
            }
            System.out.println("provider's window: " + shipped);
            if (!shipped.isNone()) {
                control(shipped, dialogues, alone, gold);
            }
            if (joined) {
                for (int k = 1; k <= 2; k++) {
                    List<String> withContext = new ArrayList<>(texts.size());
                    for (DailyDialogCorpus.Dialogue d : dialogues) {
                        List<Turn> turns = d.conversation().turns();
                        for (int i = 0; i < turns.size(); i++) {
                            StringBuilder s = new StringBuilder();
                            for (int j = Math.max(0, i - k); j < i; j++) {
                                s.append(turns.get(j).text()).append(" [SEP] ");
                            }
                            withContext.add(s.append(turns.get(i).text()).toString());
                        }
                    }
                    t0 = System.nanoTime();
                    List<TextAnalysis> read = readAll(x, withContext);
                    System.out.printf(Locale.ROOT, "(joined, %d earlier turns: %.1f s)%n", k, (System.nanoTime() - t0) / 1e9);
                    print("joined with [SEP]", k, Float.NaN, read.stream().map(TextAnalysis::overall).toList(), gold);
                }
            }
        }
        return 0;
    }

    private static List<TextAnalysis> readAll(TextEmotionExtractor x, List<String> texts) {
        List<TextAnalysis> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            out.addAll(x.analyzeAll(texts.subList(from, Math.min(texts.size(), from + BATCH))));
        }
        return out;
    }

    private static void row(String name, ContextWindow window, List<DailyDialogCorpus.Dialogue> dialogues, List<TextAnalysis> alone,
                            List<EmotionCategory> gold) {
        print(name, window.previousTurns(), window.weight(), readings(window, dialogues, alone), gold);
    }

    /** Every turn's reading in context, in order. */
    private static List<EmotionReading> readings(ContextWindow window, List<DailyDialogCorpus.Dialogue> dialogues, List<TextAnalysis> alone) {
        ContextReader reader = new ContextReader(window);
        List<EmotionReading> readings = new ArrayList<>(alone.size());
        int at = 0;
        for (DailyDialogCorpus.Dialogue d : dialogues) {
            int n = d.conversation().turns().size();
            ConversationAnalysis a = reader.read(d.conversation(), alone.subList(at, at + n));
            a.turns().forEach(t -> readings.add(t.reading()));
            at += n;
        }
        return readings;
    }

    /**
     * The control: each turn blended, with the provider's window, with the turns at the same
     * positions of the next dialogue instead of its own. A gain that remains here comes from
     * smoothing alone, not from the conversation.
     */
    private static void control(ContextWindow window, List<DailyDialogCorpus.Dialogue> dialogues, List<TextAnalysis> alone,
                                List<EmotionCategory> gold) {
        int[] offset = new int[dialogues.size()];
        for (int d = 1; d < dialogues.size(); d++) {
            offset[d] = offset[d - 1] + dialogues.get(d - 1).conversation().turns().size();
        }
        ContextReader reader = new ContextReader(window);
        List<EmotionReading> readings = new ArrayList<>(gold.size());
        for (int d = 0; d < dialogues.size(); d++) {
            int other = (d + 1) % dialogues.size();
            List<Turn> own = dialogues.get(d).conversation().turns();
            List<Turn> foreign = dialogues.get(other).conversation().turns();
            for (int i = 0; i < own.size(); i++) {
                List<Turn> turns = new ArrayList<>();
                List<TextAnalysis> read = new ArrayList<>();
                for (int j = Math.max(0, i - window.previousTurns()); j < Math.min(i, foreign.size()); j++) {
                    turns.add(foreign.get(j));
                    read.add(alone.get(offset[other] + j));
                }
                turns.add(own.get(i));
                read.add(alone.get(offset[d] + i));
                List<io.emospectrum.conversation.TurnReading> r = reader.read(io.emospectrum.conversation.Conversation.of(turns), read).turns();
                readings.add(r.get(r.size() - 1).reading());
            }
        }
        print("control: another dialogue's turns", window.previousTurns(), window.weight(), readings, gold);
    }

    private static void print(String name, int previous, float share, List<EmotionReading> readings, List<EmotionCategory> gold) {
        CorpusMetrics.Result m = metrics(readings, gold);
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %.4f | %.4f | %.4f | %.4f |%n", name, previous,
                Float.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f", share), m.macroF1(), m.accuracy(), m.meanConfidence(), m.ece());
    }

    private static CorpusMetrics.Result metrics(List<EmotionReading> readings, List<EmotionCategory> gold) {
        int[] g = new int[gold.size()];
        int[] p = new int[gold.size()];
        double[] c = new double[gold.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = gold.get(i).index();
            p[i] = readings.get(i).dominant().index();
            c[i] = readings.get(i).confidence();
        }
        return CorpusMetrics.of(g, p, c, EmotionCategory.COUNT);
    }
}
