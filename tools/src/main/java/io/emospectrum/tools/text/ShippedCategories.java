package io.emospectrum.tools.text;

import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelSource;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.taxonomy.BoundLabelMapping;
import io.emospectrum.taxonomy.LabelMapping;
import io.emospectrum.text.TextModels;
import io.emospectrum.text.head.HeadClassifier;
import io.emospectrum.text.head.HeadConfig;
import io.emospectrum.text.score.ConfidenceCalibration;
import io.emospectrum.text.score.ScoreCalibration;

import java.nio.file.Path;

/**
 * The shipped GoEmotions model's calibrated seven-category distribution of cached encoder features
 * (as {@code TransformerTextExtractor} computes it for a text of one window: per-label thresholds,
 * the 4th power, the GoEmotions-to-category mapping, the temperature), so that recipes that combine
 * it with other heads can be scored on cached features without running the encoder again.
 */
final class ShippedCategories {
    /** The exponent of {@code TransformerTextExtractor.SHARPEN}. */
    private static final float SHARPEN = 4f;

    private ShippedCategories() {
    }

    /** {@code [row][category]} of the bundled variant's head on each feature row. */
    static float[][] of(String variant, float[][] features) {
        Path dir = ModelFiles.defaultCache().materialize(ModelSource.classpath(TextModels.VARIANTS.get(variant), ShippedCategories.class), true);
        HeadConfig config = HeadConfig.read(dir.resolve("head.json"));
        BoundLabelMapping mapping = LabelMapping.fromJson(dir.resolve("label-mapping.json")).bind(config.labels());
        ScoreCalibration thresholds = ScoreCalibration.of(config.thresholds());
        ConfidenceCalibration temperature = ConfidenceCalibration.readOrNone(dir);
        float[][] out = new float[features.length][];
        try (HeadClassifier head = HeadClassifier.load(TextModels.headWeights(ModelFiles.defaultCache(), dir), config,
                ExtractorOptions.defaults().device())) {
            for (int from = 0; from < features.length; from += 1024) {
                int to = Math.min(features.length, from + 1024);
                float[][] rows = new float[to - from][];
                for (int i = from; i < to; i++) {
                    rows[i - from] = config.select(features[i]);
                }
                float[][] p = head.predict(rows);
                for (int i = from; i < to; i++) {
                    float[] c = thresholds.calibrate(p[i - from]);
                    for (int k = 0; k < c.length; k++) {
                        c[k] = (float) Math.pow(Math.max(0f, c[k]), SHARPEN);
                    }
                    float[] cat = mapping.categoryScores(c);
                    double sum = 0;
                    for (float v : cat) {
                        sum += v;
                    }
                    if (sum <= 0) {
                        cat = new float[EmotionCategory.COUNT];
                        cat[EmotionCategory.NEUTRAL.index()] = 1f;
                    }
                    out[i] = temperature.apply(cat);
                }
            }
        }
        return out;
    }
}
