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

    /**
     * Files under a class-path directory, listed (with their SHA-256) in its {@code SHA256SUMS}.
     * A bundled model also carries the SHA-256 of that manifest, compiled into the code that names
     * it: a manifest edited together with the files it lists is refused.
     *
     * @param manifestSha256 lower-case hex SHA-256 of the directory's {@code SHA256SUMS}, or null
     *                       where only the manifest vouches for the files (a user's class-path model)
     */
    record Classpath(String directory, ClassLoader loader, String manifestSha256) implements ModelSource {
        public Classpath {
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(loader, "loader");
            directory = directory.replaceAll("^/+", "").replaceAll("/+$", "");
            if (manifestSha256 != null && !manifestSha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("manifest SHA-256 must be 64 lower-case hex digits, was " + manifestSha256);
            }
        }

        public Classpath(String directory, ClassLoader loader) {
            this(directory, loader, null);
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

    /** A model that ships in a jar, with the SHA-256 of its {@code SHA256SUMS} as released (compiled into the caller). */
    static ModelSource bundled(String directory, Class<?> anchor, String manifestSha256) {
        return new Classpath(directory, anchor.getClassLoader(), Objects.requireNonNull(manifestSha256, "manifestSha256"));
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
