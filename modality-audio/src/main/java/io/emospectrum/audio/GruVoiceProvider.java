package io.emospectrum.audio;

import io.emospectrum.audio.model.VoiceModel;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelSource;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.VoiceEmotionExtractor;
import io.emospectrum.spi.VoiceExtractorProvider;

import java.util.Set;

/**
 * The voice provider {@value #NAME}: a GRU over MFCC, pitch and energy features, trained on
 * RAVDESS actors 01-16. Options: {@value #MAX_DURATION} (seconds one {@code analyze} call accepts,
 * default 14,400). A model of the same layout can replace the bundled one through
 * {@link ExtractorOptions.Builder#model}.
 *
 * <p>The bundled weights are trained on RAVDESS, licensed CC BY-NC-SA 4.0: non-commercial use only.
 */
public final class GruVoiceProvider implements VoiceExtractorProvider {
    public static final String NAME = "ravdess-gru";
    public static final String MAX_DURATION = "max-duration-seconds";
    private static final double DEFAULT_MAX_DURATION = 4 * 3600;

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
        return NAME + ": GRU over TarsosDSP MFCC/pitch/energy, 8 RAVDESS labels, 2 s windows (CC BY-NC-SA 4.0 weights)";
    }

    @Override
    public VoiceEmotionExtractor create(ExtractorOptions options) {
        options.requireKnownProperties(NAME, Set.of(MAX_DURATION));
        double max = options.property(MAX_DURATION).map(GruVoiceProvider::parsePositive).orElse(DEFAULT_MAX_DURATION);
        ModelSource source = options.model().orElse(ModelSource.classpath(VoiceModel.BUNDLED, GruVoiceProvider.class));
        VoiceModel model = VoiceModel.load(source, options.labelMapping().orElse(null), options.device(), ModelFiles.defaultCache());
        return new GruVoiceExtractor(model, options.batchSize(), max);
    }

    private static double parsePositive(String v) {
        try {
            double d = Double.parseDouble(v.trim());
            if (d > 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigurationException(MAX_DURATION + " must be a positive number of seconds, was '" + v + "'");
    }
}
