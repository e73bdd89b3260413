package io.emospectrum.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The live page and its script, read once from the jar. */
final class StaticPages {
    private static final String BASE = "/io/emospectrum/server/web/";

    record Page(String contentType, String body) {
    }

    private final Map<String, Page> pages = Map.of(
            "/", load("index.html", "text/html; charset=utf-8"),
            "/index.html", load("index.html", "text/html; charset=utf-8"),
            "/app.js", load("app.js", "text/javascript; charset=utf-8"));

    Page get(String path) {
        return pages.get(path);
    }

    private static Page load(String name, String type) {
        try (InputStream in = StaticPages.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("the server jar lacks " + BASE + name);
            }
            return new Page(type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
