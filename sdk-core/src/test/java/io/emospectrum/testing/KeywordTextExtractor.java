package io.emospectrum.testing;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.LabelScores;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spectrum.Span;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.TextSpan;
import io.emospectrum.spectrum.VadAnchors;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic text extractor for tests of code built on the SPI: counts emotion keywords per
 * sentence. Not a model; it exists so that CLI, fusion and conformance tests have controlled input.
 */
public final class KeywordTextExtractor implements TextEmotionExtractor {
    public static final ModelId MODEL = new ModelId("keyword-test", "1");
    private static final Map<String, EmotionCategory> WORDS = Map.of(
            "happy", EmotionCategory.HAPPINESS, "joy", EmotionCategory.HAPPINESS,
            "sad", EmotionCategory.SADNESS, "angry", EmotionCategory.ANGER,
            "afraid", EmotionCategory.FEAR, "disgusting", EmotionCategory.DISGUST,
            "wow", EmotionCategory.SURPRISE);
    private static final Pattern SENTENCE = Pattern.compile("[^.!?]+[.!?]*");
    private static final List<String> LABELS = EmotionCategory.ordered().stream().map(EmotionCategory::key).toList();

    private final io.emospectrum.lifecycle.CloseGuard guard = new io.emospectrum.lifecycle.CloseGuard("keyword text extractor", () -> { });

    @Override
    public TextAnalysis analyze(String text) {
        guard.checkOpen();
        if (text == null || text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidInputException("text is empty or has only whitespace and control characters");
        }
        List<EmotionReading> segments = new ArrayList<>();
        float[] total = new float[EmotionCategory.COUNT];
        Matcher m = SENTENCE.matcher(text);
        while (m.find()) {
            if (m.group().isBlank()) {
                continue;
            }
            float[] counts = count(m.group());
            for (int i = 0; i < total.length; i++) {
                total[i] += counts[i];
            }
            segments.add(reading(counts, Span.of(new TextSpan(m.start(), m.end()))));
        }
        return new TextAnalysis(reading(total, Span.of(new TextSpan(0, text.length()))), segments);
    }

    private static float[] count(String sentence) {
        float[] counts = new float[EmotionCategory.COUNT];
        for (String w : sentence.toLowerCase(Locale.ROOT).split("\\W+")) {
            EmotionCategory c = WORDS.get(w);
            if (c != null) {
                counts[c.index()]++;
            }
        }
        return counts;
    }

    private EmotionReading reading(float[] counts, Span span) {
        float hits = 0;
        for (float c : counts) {
            hits += c;
        }
        return EmotionReading.builder()
                .spectrum(Spectrum.fromScores(counts, VadAnchors.NRC_VAD_2018))
                .confidence(hits == 0 ? 0.2f : Math.min(1f, 0.5f + hits / 4))
                .modality(modality()).model(MODEL).device(device()).span(span)
                .modelScores(LabelScores.of(LABELS, counts)).build();
    }

    @Override
    public ModelId model() {
        return MODEL;
    }

    @Override
    public String device() {
        return "cpu()";
    }

    @Override
    public void close() {
        guard.close();
    }
}
