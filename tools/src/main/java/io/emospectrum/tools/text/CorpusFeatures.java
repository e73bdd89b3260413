package io.emospectrum.tools.text;

import io.emospectrum.device.DeviceChoice;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelSource;
import io.emospectrum.text.TextModels;
import io.emospectrum.text.encoder.FineTunedEncoderFiles;
import io.emospectrum.text.encoder.SentenceEncoder;
import io.emospectrum.text.head.HeadConfig;
import io.emospectrum.text.normalize.EmojiNames;
import io.emospectrum.text.tokenize.TextTokenizer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code embed-corpora}: the shipped model's fine-tuned encoder features (768 floats: mean of the
 * last hidden states, then [CLS]) of every row of the common corpus layout written by
 * {@code scripts/data/prepare_text_corpora.py}, each text read as the extractor reads it (emoji
 * names, first window of 128 tokens). A sample is taken per corpus and split (caps below; in
 * DailyDialog's training split at most {@code --dd-neutral} neutral turns, as 83% of its turns are
 * neutral), fixed by the seed. Writes {@code OUT/rows.tsv} (text, category, corpus, split) and
 * {@code OUT/features.f32} (int n, int d, then n x d floats), and the same for EmoBank
 * ({@code emobank-rows.tsv}, {@code emobank-features.f32}) when its file is there.
 *
 * <pre>./emospectrum-tools export text-features --corpora /work/data-extra/text-corpora
 *     --out /work/data-extra/text-features [--variant int8] [--train-cap 8000] [--dev-cap 1000] [--test-cap 2000] [--dd-neutral 2500] [--seed 7]</pre>
 */
@Command(name = "text-features", mixinStandardHelpOptions = true, description = "Encodes the common corpus layout with the shipped text encoder and caches the features.")
public final class CorpusFeatures implements Callable<Integer> {
    @Option(names = "--corpora")
    private String optCorpora;
    @Option(names = "--dd-neutral", defaultValue = "2500", description = "default: ${DEFAULT-VALUE}")
    private String optDdNeutral;
    @Option(names = "--dev-cap", defaultValue = "1000", description = "default: ${DEFAULT-VALUE}")
    private String optDevCap;
    @Option(names = "--out")
    private String optOut;
    @Option(names = "--seed", defaultValue = "7", description = "default: ${DEFAULT-VALUE}")
    private String optSeed;
    @Option(names = "--test-cap", defaultValue = "2000", description = "default: ${DEFAULT-VALUE}")
    private String optTestCap;
    @Option(names = "--train-cap", defaultValue = "8000", description = "default: ${DEFAULT-VALUE}")
    private String optTrainCap;
    @Option(names = "--variant", defaultValue = "int8", description = "default: ${DEFAULT-VALUE}")
    private String optVariant;

    @Override
    public Integer call() throws IOException {
        Path corpora = Path.of(optCorpora);
        Path out = Path.of(optOut);
        String variant = optVariant;
        Map<String, Integer> caps = Map.of("train", Integer.parseInt(optTrainCap),
                "dev", Integer.parseInt(optDevCap), "test", Integer.parseInt(optTestCap));
        int ddNeutral = Integer.parseInt(optDdNeutral);
        Random random = new Random(Long.parseLong(optSeed));
        Files.createDirectories(out);

        List<String[]> rows = sample(readTsv(corpora.resolve("corpora.tsv")), caps, ddNeutral, random);
        try (Encoder enc = new Encoder(variant)) {
            embed(enc, rows, out.resolve("rows.tsv"), out.resolve("features.f32"), "text\tcategory\tcorpus\tsplit");
            Path emobank = corpora.resolve("emobank.tsv");
            if (Files.isRegularFile(emobank)) {
                List<String[]> eb = readTsv(emobank);
                // EmoBank: [text, valence, arousal, split]; sampled by split with the same caps
                Map<String, List<String[]>> bySplit = new LinkedHashMap<>();
                for (String[] r : eb) {
                    bySplit.computeIfAbsent(r[3], k -> new ArrayList<>()).add(r);
                }
                List<String[]> kept = new ArrayList<>();
                bySplit.forEach((split, list) -> {
                    Collections.shuffle(list, random);
                    kept.addAll(list.subList(0, Math.min(list.size(), caps.getOrDefault(split, list.size()))));
                });
                embed(enc, kept, out.resolve("emobank-rows.tsv"), out.resolve("emobank-features.f32"), "text\tvalence\tarousal\tsplit");
            }
        }
        return 0;
    }

    static List<String[]> sample(List<String[]> rows, Map<String, Integer> caps, int ddNeutral, Random random) {
        Map<String, List<String[]>> groups = new LinkedHashMap<>();
        for (String[] r : rows) {
            groups.computeIfAbsent(r[2] + "/" + r[3], k -> new ArrayList<>()).add(r);
        }
        List<String[]> out = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> g : groups.entrySet()) {
            List<String[]> list = new ArrayList<>(g.getValue());
            Collections.shuffle(list, random);
            String split = g.getKey().substring(g.getKey().indexOf('/') + 1);
            int cap = caps.getOrDefault(split, list.size());
            if (g.getKey().equals("dailydialog/train")) {
                List<String[]> neutral = new ArrayList<>();
                List<String[]> other = new ArrayList<>();
                for (String[] r : list) {
                    (r[1].equals("neutral") ? neutral : other).add(r);
                }
                int n = Math.min(neutral.size(), ddNeutral);
                list = new ArrayList<>(neutral.subList(0, n));
                list.addAll(other.subList(0, Math.min(other.size(), cap - n)));
            }
            List<String[]> kept = list.subList(0, Math.min(list.size(), cap));
            out.addAll(kept);
            System.out.printf("%-20s %6d of %6d%n", g.getKey(), kept.size(), g.getValue().size());
        }
        return out;
    }

    private static void embed(Encoder enc, List<String[]> rows, Path rowsFile, Path featuresFile, String header) throws IOException {
        List<String> texts = new ArrayList<>(rows.size());
        for (String[] r : rows) {
            texts.add(r[0]);
        }
        long t0 = System.nanoTime();
        float[][] x = enc.features(texts);
        System.out.printf("encoded %d texts in %.1f s -> %s%n", texts.size(), (System.nanoTime() - t0) / 1e9, featuresFile);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(rowsFile, StandardCharsets.UTF_8))) {
            w.println(header);
            for (String[] r : rows) {
                w.println(String.join("\t", r));
            }
        }
        writeFeatures(featuresFile, x);
    }

    static List<String[]> readTsv(Path file) throws IOException {
        List<String[]> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String l : lines.subList(1, lines.size())) {
            out.add(l.split("\t", -1));
        }
        return out;
    }

    static void writeFeatures(Path file, float[][] x) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(x.length);
            out.writeInt(x.length == 0 ? 0 : x[0].length);
            for (float[] row : x) {
                for (float v : row) {
                    out.writeFloat(v);
                }
            }
        }
    }

    static float[][] readFeatures(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int n = in.readInt();
            int d = in.readInt();
            float[][] x = new float[n][d];
            for (float[] row : x) {
                for (int j = 0; j < d; j++) {
                    row[j] = in.readFloat();
                }
            }
            return x;
        }
    }

    /** The bundled variant's fine-tuned encoder and tokenizer, texts read as the extractor reads them. */
    static final class Encoder implements AutoCloseable {
        private final TextTokenizer tokenizer;
        private final SentenceEncoder encoder;
        private final EmojiNames emoji = new EmojiNames();

        Encoder(String variant) {
            String dir = TextModels.VARIANTS.get(variant);
            Path headDir = ModelFiles.defaultCache().materialize(ModelSource.classpath(dir, CorpusFeatures.class), true);
            HeadConfig config = HeadConfig.read(headDir.resolve("head.json"));
            Path encoderDir = FineTunedEncoderFiles.materialize(dir + "/encoder.recipe", CorpusFeatures.class.getClassLoader(), ModelFiles.defaultCache().directory());
            this.tokenizer = TextTokenizer.load(encoderDir.resolve(config.encoder() + "-tokenizer.json"), config.maxTokens(), 0);
            this.encoder = SentenceEncoder.load(encoderDir, config.encoder(), DeviceChoice.fromSystemProperty());
        }

        float[][] features(List<String> texts) {
            List<String> read = new ArrayList<>(texts.size());
            for (String t : texts) {
                read.add(emoji.normalize(t).text());
            }
            int batch = 32;
            return LengthBucketedEncoding.encode(tokenizer, encoder, read, batch, from -> {
                if ((from / batch) % 200 == 0) {
                    System.out.printf("  %d / %d%n", from, read.size());
                }
            });
        }

        @Override
        public void close() {
            encoder.close();
            tokenizer.close();
        }
    }
}
