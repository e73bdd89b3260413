package io.emospectrum.text.byo;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.error.UnmappedLabelException;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelSource;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.taxonomy.LabelMapping;
import io.emospectrum.text.GoEmotionsMiniLmProvider;
import io.emospectrum.text.TextModels;
import io.emospectrum.text.encoder.BundledEncoderFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bring your own model, with the tiny classifier that {@code scripts/make_tiny_classifier.py}
 * wrote (labels joy, anger, neutral; "happy" means joy, "furious" anger), as TorchScript and ONNX.
 */
class SequenceClassifierScorerTest {
    private static final String FIXTURE = "io/emospectrum/text/byo/tiny-classifier/";
    private static final LabelMapping MAPPING = LabelMapping.builder()
            .map("joy", EmotionCategory.HAPPINESS).map("anger", EmotionCategory.ANGER).map("neutral", EmotionCategory.NEUTRAL).build();

    @ParameterizedTest
    @ValueSource(strings = {"model.pt", "model.onnx"})
    void loadsAHuggingFaceExportThroughTheSamePipeline(String weights, @TempDir Path dir) throws IOException {
        export(dir, weights);
        ExtractorOptions options = ExtractorOptions.builder().model(ModelSource.path(dir), MAPPING).build();
        try (TextEmotionExtractor x = new GoEmotionsMiniLmProvider().create(options)) {
            List<EmotionReading> r = x.analyzeAll(List.of("I am so happy", "I am furious", "The bus is late")).stream()
                    .map(a -> a.overall()).toList();
            assertThat(r.get(0).dominant()).isEqualTo(EmotionCategory.HAPPINESS);
            assertThat(r.get(1).dominant()).isEqualTo(EmotionCategory.ANGER);
            assertThat(r.get(2).dominant()).isEqualTo(EmotionCategory.NEUTRAL);
            assertThat(r.get(0).modelScores().labels()).containsExactly("joy", "anger", "neutral");
            float[] s = r.get(0).modelScores().scores();
            assertThat(s[0] + s[1] + s[2]).as("softmax of a single-label model").isBetween(0.999f, 1.001f);
            assertThat(x.model().name()).isEqualTo("tiny-classifier");
        }
    }

    @Test
    void aMappingThatMissesAModelLabelFailsAtLoad(@TempDir Path dir) throws IOException {
        export(dir, "model.pt");
        LabelMapping partial = LabelMapping.builder().map("joy", EmotionCategory.HAPPINESS).map("anger", EmotionCategory.ANGER).build();
        ExtractorOptions options = ExtractorOptions.builder().model(ModelSource.path(dir), partial).build();
        assertThatThrownBy(() -> new GoEmotionsMiniLmProvider().create(options))
                .isInstanceOf(UnmappedLabelException.class).hasMessageContaining("neutral");
    }

    @Test
    void incompleteDirectoriesAndMissingMappingsAreClearErrors(@TempDir Path dir) throws IOException {
        export(dir, "model.pt");
        assertThatThrownBy(() -> new GoEmotionsMiniLmProvider().create(ExtractorOptions.builder().model(ModelSource.path(dir)).build()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("label mapping");
        Files.delete(dir.resolve("model.pt"));
        assertThatThrownBy(() -> new GoEmotionsMiniLmProvider().create(ExtractorOptions.builder().model(ModelSource.path(dir), MAPPING).build()))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("model.onnx");
    }

    /** A model directory as a user would have it: weights, config.json, tokenizer.json. */
    private static void export(Path dir, String weights) throws IOException {
        copy(FIXTURE + weights, dir.resolve(weights));
        copy(FIXTURE + "config.json", dir.resolve("config.json"));
        Path cache = ModelFiles.defaultCache().directory();
        Path encoder = BundledEncoderFiles.materialize(TextModels.encoderManifest(TextModels.DEFAULT_ENCODER), SequenceClassifierScorerTest.class.getClassLoader(), cache);
        Files.copy(encoder.resolve("all-minilm-l6-v2-tokenizer.json"), dir.resolve("tokenizer.json"));
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = SequenceClassifierScorerTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Files.copy(in, target);
        }
    }
}
