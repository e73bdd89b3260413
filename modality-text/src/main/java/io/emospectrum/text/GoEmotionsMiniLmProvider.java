package io.emospectrum.text;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.spi.TextExtractorProvider;

import java.util.Set;

/**
 * The default text provider, {@value #NAME}: all-MiniLM-L6-v2 (ONNX, from langchain4j's jar, checked
 * against our manifest) with its top layers fine-tuned in this project on GoEmotions, plus an emotion
 * head, its 28 labels mapped to the seven categories by the GoEmotions authors' Ekman grouping. With
 * {@link ExtractorOptions#model()} set, it loads the user's own Hugging Face sequence-classification
 * export instead, through the same pipeline.
 *
 * <p>Properties: {@code maxTokens} (window length, default from the model), {@code overlapTokens}
 * (overlap of the windows of a long text), {@code maxChars} (longest text accepted, default
 * {@value #DEFAULT_MAX_CHARS}), {@code variant} ({@code corpora}, the default: the int8 model's
 * GoEmotions head combined with a seven-category head trained on five corpora, non-commercial data;
 * {@code permissive} = {@code int8}: GoEmotions and EmoBank only, the encoder's MatMuls in int8 with
 * activations quantized per token; {@code fp32}: the float32 encoder), {@code segments}
 * ({@code windows}, the default: a text that fits one window is one segment; {@code sentences}:
 * each sentence of such a text also gets its own reading, at the cost of scoring it).
 */
public final class GoEmotionsMiniLmProvider implements TextExtractorProvider {
    public static final String NAME = "goemotions-minilm";
    static final String MAX_TOKENS = "maxTokens";
    static final String OVERLAP_TOKENS = "overlapTokens";
    static final String MAX_CHARS = "maxChars";
    static final String VARIANT = "variant";
    public static final String SEGMENTS = "segments";
    static final String DEFAULT_VARIANT = TextModels.CORPORA_VARIANT;
    /**
     * Longest text analyzed by default: a million characters (~250,000 tokens, a minute or more of
     * encoder time on two cores). Longer texts fail fast with a clear error unless this is raised.
     */
    static final int DEFAULT_MAX_CHARS = 1_000_000;

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
        return "GoEmotions 28-label head on all-MiniLM-L6-v2 (ONNX), DJL OnnxRuntime + PyTorch; or your own HF classifier";
    }

    @Override
    public TextEmotionExtractor create(ExtractorOptions options) {
        options.requireKnownProperties(NAME, Set.of(MAX_TOKENS, OVERLAP_TOKENS, MAX_CHARS, VARIANT, SEGMENTS));
        TransformerTextExtractor.Segmentation segmentation = segmentation(options.property(SEGMENTS).orElse("windows"));
        Integer maxTokens = intProperty(options, MAX_TOKENS, 16, 512);
        Integer overlap = intProperty(options, OVERLAP_TOKENS, 0, 255);
        Integer maxChars = intProperty(options, MAX_CHARS, 1, Integer.MAX_VALUE);
        int limit = maxChars != null ? maxChars : DEFAULT_MAX_CHARS;
        ModelFiles files = ModelFiles.defaultCache();
        if (options.model().isPresent()) {
            return TextModels.ownModel(options, files, maxTokens, overlap, limit, segmentation);
        }
        return TextModels.bundled(options, files, options.property(VARIANT).orElse(DEFAULT_VARIANT).trim(), maxTokens, overlap, limit, segmentation);
    }

    private static TransformerTextExtractor.Segmentation segmentation(String v) {
        return switch (v.trim()) {
            case "windows" -> TransformerTextExtractor.Segmentation.WINDOWS;
            case "sentences" -> TransformerTextExtractor.Segmentation.SENTENCES;
            default -> throw new ConfigurationException(NAME + ": " + SEGMENTS + " must be 'windows' or 'sentences', was '" + v + "'");
        };
    }

    private static Integer intProperty(ExtractorOptions options, String key, int min, int max) {
        String v = options.property(key).orElse(null);
        if (v == null) {
            return null;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min || i > max) {
                throw new ConfigurationException(NAME + ": " + key + " must be in [" + min + ", " + max + "], was " + i);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(NAME + ": " + key + " must be an integer, was '" + v + "'");
        }
    }
}
