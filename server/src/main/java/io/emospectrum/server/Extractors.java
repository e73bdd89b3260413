package io.emospectrum.server;

import io.emospectrum.error.ProviderNotFoundException;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.spi.VoiceEmotionExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The extractors the server serves, found through the SPI ({@link ProviderRegistry}): voice is
 * required (live calls need it); text and face are served where their module is installed.
 * Extractors are thread-safe and shared by all requests; {@link #close()} frees their models.
 */
public final class Extractors implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Extractors.class);

    private final VoiceEmotionExtractor voice;
    private final TextEmotionExtractor text;
    private final FaceEmotionExtractor face;

    public Extractors(VoiceEmotionExtractor voice, TextEmotionExtractor text, FaceEmotionExtractor face) {
        this.voice = java.util.Objects.requireNonNull(voice, "voice");
        this.text = text;
        this.face = face;
    }

    /**
     * Loads the default (or system-property-selected) provider of each kind.
     *
     * @throws ProviderNotFoundException if no voice extractor is installed
     */
    public static Extractors load(ExtractorOptions options) {
        return load(options, options);
    }

    /**
     * As {@link #load(ExtractorOptions)}, with the voice extractor's own options (provider options
     * such as the window hop are known to one provider only).
     */
    public static Extractors load(ExtractorOptions voiceOptions, ExtractorOptions options) {
        return load(voiceOptions, options, options);
    }

    /** As above, with the text extractor's own options too (e.g. {@code chinese=off}, {@code threads}). */
    public static Extractors load(ExtractorOptions voiceOptions, ExtractorOptions textOptions, ExtractorOptions options) {
        VoiceEmotionExtractor voice = ProviderRegistry.voice().select().create(voiceOptions);
        TextEmotionExtractor text = null;
        FaceEmotionExtractor face = null;
        try {
            text = optional(ProviderRegistry.text().isEmpty() ? null : ProviderRegistry.text().select(), textOptions, "text");
            face = optional(ProviderRegistry.face().isEmpty() ? null : ProviderRegistry.face().select(), options, "face");
        } catch (RuntimeException e) {
            voice.close();
            if (text != null) {
                text.close();
            }
            throw e;
        }
        return new Extractors(voice, text, face);
    }

    private static <E extends io.emospectrum.spi.EmotionExtractor> E optional(
            io.emospectrum.spi.ExtractorProvider<E> provider, ExtractorOptions options, String kind) {
        if (provider == null) {
            LOG.atInfo().addKeyValue("event", "modality_missing").addKeyValue("modality", kind)
                    .log("no {} extractor installed; its endpoint answers 503", kind);
            return null;
        }
        return provider.create(options);
    }

    public VoiceEmotionExtractor voice() {
        return voice;
    }

    public Optional<TextEmotionExtractor> text() {
        return Optional.ofNullable(text);
    }

    public Optional<FaceEmotionExtractor> face() {
        return Optional.ofNullable(face);
    }

    @Override
    public void close() {
        voice.close();
        if (text != null) {
            text.close();
        }
        if (face != null) {
            face.close();
        }
    }
}
