package io.emospectrum.text.language;

import io.emospectrum.conversation.ContextWindow;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sends each text to the model of its language: a text that a {@link LanguageIdentifier} finds to be in
 * one of the routed languages goes to that language's extractor, and its analysis says that language
 * (supported); every other text goes to the primary extractor, which reads it as it always has (and
 * flags the languages it does not read). Results keep input order, whatever mix of languages a batch holds.
 *
 * <p>Only a text with a letter of a routed language's script among its first {@link LanguageIdentifier#MAX_CHARS}
 * characters is identified here, so text in the primary model's script costs one scan of those characters.
 *
 * <p>Thread-safe when its extractors are (the bundled ones are). Closing it closes every extractor.
 */
public final class LanguageRoutedExtractor implements TextEmotionExtractor {
    /** A language read by its own model: its ISO 639-1 code, the script its texts must contain, and the extractor. */
    public record Route(String language, Character.UnicodeScript script, TextEmotionExtractor extractor) {
        public Route {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(script, "script");
            Objects.requireNonNull(extractor, "extractor");
        }
    }

    private final TextEmotionExtractor primary;
    private final List<Route> routes;
    private final LanguageIdentifier languages;

    /**
     * @param primary   reads every text that no route takes
     * @param routes    the routed languages, each with its own extractor
     * @param languages identifies the language of a text in a routed script
     */
    public LanguageRoutedExtractor(TextEmotionExtractor primary, List<Route> routes, LanguageIdentifier languages) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.routes = List.copyOf(routes);
        this.languages = Objects.requireNonNull(languages, "languages");
    }

    @Override
    public ModelId model() {
        return primary.model();
    }

    @Override
    public String device() {
        return primary.device();
    }

    @Override
    public ContextWindow contextWindow() {
        return primary.contextWindow();
    }

    /** The routes, in the order they are tried. */
    public List<Route> routes() {
        return routes;
    }

    @Override
    public TextAnalysis analyze(String text) {
        int r = route(text);
        return r < 0 ? primary.analyze(text) : routed(routes.get(r), routes.get(r).extractor().analyze(text));
    }

    @Override
    public List<TextAnalysis> analyzeAll(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        int[] routeOf = new int[texts.size()];
        boolean any = false;
        for (int i = 0; i < routeOf.length; i++) {
            routeOf[i] = route(texts.get(i));
            any |= routeOf[i] >= 0;
        }
        if (!any) {
            return primary.analyzeAll(texts); // the usual case: one batch, untouched
        }
        try {
            return analyzeRouted(texts, routeOf);
        } catch (InvalidInputException e) {
            // a group numbers its texts from 0: let the primary, which checks every text before it reads any,
            // name the bad one by its index in the caller's list
            primary.analyzeAll(texts);
            throw e;
        }
    }

    private List<TextAnalysis> analyzeRouted(List<String> texts, int[] routeOf) {
        TextAnalysis[] out = new TextAnalysis[texts.size()];
        for (int r = -1; r < routes.size(); r++) {
            List<String> group = new ArrayList<>();
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < routeOf.length; i++) {
                if (routeOf[i] == r) {
                    group.add(texts.get(i));
                    at.add(i);
                }
            }
            if (group.isEmpty()) {
                continue;
            }
            TextEmotionExtractor x = r < 0 ? primary : routes.get(r).extractor();
            List<TextAnalysis> read = x.analyzeAll(group);
            for (int k = 0; k < read.size(); k++) {
                out[at.get(k)] = r < 0 ? read.get(k) : routed(routes.get(r), read.get(k));
            }
        }
        return List.of(out);
    }

    /** The index of the route that takes {@code text}, or -1 for the primary extractor (null and blank text included: it reports them). */
    private int route(String text) {
        if (text == null) {
            return -1;
        }
        for (int r = 0; r < routes.size(); r++) {
            Route route = routes.get(r);
            if (hasScript(text, route.script()) && languages.identify(text).language().equals(route.language())) {
                return r;
            }
        }
        return -1;
    }

    private static boolean hasScript(String text, Character.UnicodeScript script) {
        int end = Math.min(text.length(), LanguageIdentifier.MAX_CHARS);
        for (int i = 0; i < end; ) {
            int cp = text.codePointAt(i);
            // below U+0250 every letter is Latin: the scan costs a comparison per character of English text
            if (cp >= 0x250 && Character.UnicodeScript.of(cp) == script) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    private static TextAnalysis routed(Route route, TextAnalysis a) {
        return a.withLanguage(route.language(), true);
    }

    @Override
    public void close() {
        try {
            primary.close();
        } finally {
            closeRoutes(0);
        }
    }

    private void closeRoutes(int from) {
        if (from >= routes.size()) {
            return;
        }
        try {
            routes.get(from).extractor().close();
        } finally {
            closeRoutes(from + 1);
        }
    }

    @Override
    public String toString() {
        return "LanguageRoutedExtractor" + Arrays.toString(routes.stream().map(Route::language).toArray());
    }
}
