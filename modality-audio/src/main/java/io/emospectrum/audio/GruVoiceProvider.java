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
 * RAVDESS actors 01-18. Options: {@value #MAX_DURATION} (seconds one {@code analyze} call accepts,
 * default 14,400) and {@value #WINDOW_HOP} (seconds between windows, default 0.5). A model of the same layout can replace the bundled one through
 * {@link ExtractorOptions.Builder#model}.
 *
 * <p>The bundled weights are trained on RAVDESS, licensed CC BY-NC-SA 4.0: non-commercial use only.
 */
public final class GruVoiceProvider implements VoiceExtractorProvider {
    public static final String NAME = "ravdess-gru";
    public static final String MAX_DURATION = "max-duration-seconds";
    /**
     * Seconds between window starts (default: the model's, 0.5 s). 1.0 halves the net's work per
     * stream, for call-center scale; a multiple of the 20 ms frame hop.
     */
    public static final String WINDOW_HOP = "window-hop-seconds";
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
        options.requireKnownProperties(NAME, Set.of(MAX_DURATION, WINDOW_HOP));
        double max = options.property(MAX_DURATION).map(v -> parsePositive(MAX_DURATION, v)).orElse(DEFAULT_MAX_DURATION);
        Double hop = options.property(WINDOW_HOP).map(v -> parsePositive(WINDOW_HOP, v)).orElse(null);
        ModelSource source = options.model().orElse(ModelSource.bundled(VoiceModel.BUNDLED, GruVoiceProvider.class, VoiceModel.BUNDLED_MANIFEST_SHA256));
        VoiceModel model = VoiceModel.load(source, options.labelMapping().orElse(null), options.device(), ModelFiles.defaultCache());
        try {
            int hopFrames = model.config().hopFrames();
            if (hop != null) {
                double frames = hop * model.config().features().frameRate();
                hopFrames = (int) Math.round(frames);
                if (Math.abs(frames - hopFrames) > 1e-6 || hopFrames < 1 || hopFrames > model.config().windowFrames()) {
                    throw new ConfigurationException(WINDOW_HOP + " must be a multiple of " + 1 / model.config().features().frameRate()
                            + " s up to the window's " + model.config().windowSeconds() + " s, was " + hop);
                }
            }
            return new GruVoiceExtractor(model, options.batchSize(), max, hopFrames);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static double parsePositive(String key, String v) {
        try {
            double d = Double.parseDouble(v.trim());
            if (d > 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigurationException(key + " must be a positive number of seconds, was '" + v + "'");
    }
}
