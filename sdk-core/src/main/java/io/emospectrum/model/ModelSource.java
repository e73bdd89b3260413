package io.emospectrum.model;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a model's files come from: a directory of resources on the class path (how bundled models
 * ship), a local directory or file, or a URL. A URL is only ever used when the caller passes one:
 * nothing in the SDK reaches the network on its own.
 */
public sealed interface ModelSource {

    /** Files under a class-path directory, listed (with their SHA-256) in its {@code SHA256SUMS}. */
    record Classpath(String directory, ClassLoader loader) implements ModelSource {
        public Classpath {
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(loader, "loader");
            directory = directory.replaceAll("^/+", "").replaceAll("/+$", "");
        }

        @Override
        public String describe() {
            return "classpath:" + directory;
        }
    }

    /** A local directory (or single model file). */
    record LocalPath(Path path) implements ModelSource {
        public LocalPath {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String describe() {
            return path.toString();
        }
    }

    /** A URL that DJL resolves (http, https, jar, file, s3, ...); passed explicitly by the user. */
    record Url(URI uri) implements ModelSource {
        public Url {
            Objects.requireNonNull(uri, "uri");
        }

        @Override
        public String describe() {
            return uri.toString();
        }
    }

    /** Human-readable origin for logs and errors. */
    String describe();

    static ModelSource classpath(String directory) {
        return new Classpath(directory, ModelSource.class.getClassLoader());
    }

    static ModelSource classpath(String directory, Class<?> anchor) {
        return new Classpath(directory, anchor.getClassLoader());
    }

    static ModelSource path(Path path) {
        return new LocalPath(path);
    }

    static ModelSource url(String url) {
        return new Url(URI.create(url));
    }

    /**
     * Parses a user's {@code --model} argument: {@code classpath:dir}, a URL with a scheme
     * ({@code https://...}), or else a local path.
     */
    static ModelSource parse(String text) {
        if (text.startsWith("classpath:")) {
            return classpath(text.substring("classpath:".length()));
        }
        if (text.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
            return url(text);
        }
        return path(Path.of(text));
    }
}
