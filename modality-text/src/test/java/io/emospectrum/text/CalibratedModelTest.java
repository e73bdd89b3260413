package io.emospectrum.text;

import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelSource;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.text.score.ConfidenceCalibration;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled models ship a fitted temperature, and the extractor applies it. */
class CalibratedModelTest {
    private static final List<String> TEXTS = List.of(
            "Thank you so much, this made my day!",
            "The train was late again and I am furious.",
            "I'm not sure what you mean by that.",
            "My dog passed away this morning.",
            "Wow, I did not expect that at all!",
            "That is disgusting, who would eat that?",
            "I'm scared of what the doctor will say tomorrow.",
            "ok",
            "Meh, it was fine I guess.",
            "Why would they even do that",
            "lol that's hilarious",
            "The meeting is at 3pm in room 204.");

    @Test
    void bundledVariantsShipACalibrationListedInTheirManifest() {
        for (String dir : TextModels.VARIANTS.values()) {
            Path d = ModelFiles.defaultCache().materialize(ModelSource.classpath(dir, CalibratedModelTest.class), true);
            ConfidenceCalibration c = ConfidenceCalibration.readOrNone(d);
            assertThat(c.isIdentity()).as(dir).isFalse();
            assertThat(c.temperature()).as(dir).isGreaterThan(1.0); // the sharpened spectra are overconfident
        }
    }

    @Test
    void theCalibrationIsAppliedAndConfidencesAreNotAllNearOne() {
        try (TransformerTextExtractor calibrated = (TransformerTextExtractor) new GoEmotionsMiniLmProvider().create(
                ExtractorOptions.builder().property("variant", "int8").build());
             TransformerTextExtractor raw = TextModels.bundled(ExtractorOptions.defaults(), ModelFiles.defaultCache(), "int8", null, null,
                     1_000_000, TransformerTextExtractor.Segmentation.WINDOWS, false)) {
            Path dir = ModelFiles.defaultCache().materialize(ModelSource.classpath(TextModels.VARIANTS.get("int8"), CalibratedModelTest.class), true);
            ConfidenceCalibration c = ConfidenceCalibration.readOrNone(dir);
            List<TextAnalysis> a = calibrated.analyzeAll(TEXTS);
            List<TextAnalysis> b = raw.analyzeAll(TEXTS);
            int below = 0;
            for (int i = 0; i < TEXTS.size(); i++) {
                float[] rawP = new float[EmotionCategory.COUNT];
                float[] calP = new float[EmotionCategory.COUNT];
                for (EmotionCategory cat : EmotionCategory.ordered()) {
                    rawP[cat.index()] = b.get(i).overall().spectrum().probability(cat);
                    calP[cat.index()] = a.get(i).overall().spectrum().probability(cat);
                }
                assertThat(calP).as(TEXTS.get(i)).containsExactly(c.apply(rawP), org.assertj.core.data.Offset.offset(1e-5f));
                assertThat(a.get(i).overall().dominant()).isEqualTo(b.get(i).overall().dominant());
                float top = calP[a.get(i).overall().dominant().index()];
                assertThat(a.get(i).overall().confidence()).isEqualTo(top);
                below += a.get(i).overall().confidence() < 0.9f ? 1 : 0;
            }
            assertThat(below).as("readings with confidence under 0.9").isGreaterThanOrEqualTo(TEXTS.size() / 3);
        }
    }
}
