package io.emospectrum.text.language;

import io.emospectrum.conversation.ContextWindow;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An extractor loaded on its first use: a route that most callers never take (a language their texts are not
 * in) then costs neither load time nor memory. Loading failures surface, typed, on the call that needed it, and
 * the next call tries again.
 *
 * <p>Thread-safe when the loaded extractor is; closing it closes the extractor if one was loaded.
 */
public final class LazyTextExtractor implements TextEmotionExtractor {
    private final Supplier<? extends TextEmotionExtractor> loader;
    private TextEmotionExtractor loaded;
    private boolean closed;

    public LazyTextExtractor(Supplier<? extends TextEmotionExtractor> loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /** Whether the extractor has been loaded (and not closed). */
    public synchronized boolean isLoaded() {
        return loaded != null;
    }

    private synchronized TextEmotionExtractor get() {
        if (closed) {
            throw new IllegalStateException("extractor is closed");
        }
        if (loaded == null) {
            loaded = Objects.requireNonNull(loader.get(), "loader returned null");
        }
        return loaded;
    }

    @Override
    public ModelId model() {
        return get().model();
    }

    @Override
    public String device() {
        return get().device();
    }

    @Override
    public ContextWindow contextWindow() {
        return get().contextWindow();
    }

    @Override
    public TextAnalysis analyze(String text) {
        return get().analyze(text);
    }

    @Override
    public List<TextAnalysis> analyzeAll(List<String> texts) {
        return get().analyzeAll(texts);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (loaded != null) {
            try {
                loaded.close();
            } finally {
                loaded = null;
            }
        }
    }
}
