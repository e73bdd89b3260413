package io.emospectrum.audio;

import io.emospectrum.audio.model.VoiceModel;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.model.ModelFiles;
import io.emospectrum.model.ModelSource;
import io.emospectrum.option.OptionKey;
import io.emospectrum.option.OptionSet;
import io.emospectrum.option.OptionValues;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.VoiceEmotionExtractor;
import io.emospectrum.spi.VoiceExtractorProvider;

/**
 * The voice provider {@value #NAME} (the name is historical: it runs every bundled GRU): a GRU over
 * MFCC, pitch and energy features. Options ({@link #supportedOptions()}): {@code max-duration-seconds}
 * (seconds one {@code analyze} call accepts, default 14,400), {@code window-hop-seconds} (seconds between
 * windows, default 0.5) and {@code variant}: {@code gru-ensemble}, the default (the two nets below on
 * the same windows, combined and calibrated), {@code speech-gru} (five corpora, four languages,
 * telephone augmentation, calibrated; half the CPU) or {@code ravdess-gru} (RAVDESS actors 01-18 only).
 * A model of the same layout, or an ensemble directory, can replace the bundled one through
 * {@link ExtractorOptions.Builder#model}.
 *
 * <p>The bundled weights are trained on non-commercial data (RAVDESS CC BY-NC-SA 4.0; TESS, TurEV-DB
 * CC BY-NC-ND 4.0; nEMO CC BY-NC-SA 4.0; ASED research): non-commercial use only.
 */
public final class GruVoiceProvider implements VoiceExtractorProvider {
    public static final String NAME = "ravdess-gru";
    private static final double DEFAULT_MAX_DURATION = 4 * 3600;
    public static final OptionKey<Double> MAX_DURATION = OptionKey.decimal("max-duration-seconds").greaterThan(0)
            .defaultValue(DEFAULT_MAX_DURATION).help("Longest recording one analyze call accepts, in seconds.").build();
    /**
     * Seconds between window starts (default: the model's, 0.5 s). 1.0 halves the net's work per
     * stream, for call-center scale; a multiple of the 20 ms frame hop.
     */
    public static final OptionKey<Double> WINDOW_HOP = OptionKey.decimal("window-hop-seconds").greaterThan(0).defaultNote("the model's (0.5)")
            .help("Seconds between window starts, a multiple of the 20 ms frame hop up to the 2 s window; 1.0 halves the work.").build();
    /** The default bundled model's name: both nets below on the same windows. */
    public static final String GRU_ENSEMBLE = "gru-ensemble";
    /** The multi-corpus net's name. */
    public static final String SPEECH_GRU = "speech-gru";
    /** Which bundled model: the ensemble (the default), the multi-corpus net alone, or the RAVDESS-only net. */
    public static final OptionKey<String> VARIANT = OptionKey.choice("variant", GRU_ENSEMBLE, SPEECH_GRU, NAME).defaultValue(GRU_ENSEMBLE)
            .help("Bundled model: gru-ensemble (the default: speech-gru and ravdess-gru on the same windows, calibrated),"
                    + " speech-gru (five corpora, four languages, telephone audio; calibrated; half the CPU) or ravdess-gru"
                    + " (RAVDESS only: acted English, overconfident elsewhere). Ignored when a model is given.").build();
    private static final OptionSet OPTIONS = OptionSet.of(MAX_DURATION, WINDOW_HOP, VARIANT);

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
        return NAME + ": GRUs over TarsosDSP MFCC/pitch/energy, 2 s windows; default model gru-ensemble (7 categories; five corpora;"
                + " non-commercial weights), variants speech-gru, ravdess-gru";
    }

    @Override
    public OptionSet supportedOptions() {
        return OPTIONS;
    }

    @Override
    public VoiceEmotionExtractor create(ExtractorOptions options) {
        OptionValues o = options.parse(NAME, OPTIONS);
        double max = o.get(MAX_DURATION);
        Double hop = o.find(WINDOW_HOP).orElse(null);
        ModelSource source = options.model().orElseGet(() -> switch (o.get(VARIANT)) {
            case NAME -> ModelSource.bundled(VoiceModel.RAVDESS_GRU, GruVoiceProvider.class, VoiceModel.RAVDESS_GRU_MANIFEST_SHA256);
            case SPEECH_GRU -> ModelSource.bundled(VoiceModel.SPEECH_GRU, GruVoiceProvider.class, VoiceModel.SPEECH_GRU_MANIFEST_SHA256);
            default -> ModelSource.bundled(VoiceModel.GRU_ENSEMBLE, GruVoiceProvider.class, VoiceModel.GRU_ENSEMBLE_MANIFEST_SHA256);
        });
        VoiceModel model = VoiceModel.load(source, options.labelMapping().orElse(null), options.device(), ModelFiles.defaultCache());
        try {
            int hopFrames = model.config().hopFrames();
            if (hop != null) {
                double frames = hop * model.config().features().frameRate();
                hopFrames = (int) Math.round(frames);
                if (Math.abs(frames - hopFrames) > 1e-6 || hopFrames < 1 || hopFrames > model.config().windowFrames()) {
                    throw new ConfigurationException(WINDOW_HOP.name() + " must be a multiple of " + 1 / model.config().features().frameRate()
                            + " s up to the window's " + model.config().windowSeconds() + " s, was " + hop);
                }
            }
            return new GruVoiceExtractor(model, options.batchSize(), max, hopFrames);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
