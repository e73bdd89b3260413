package io.emospectrum.tools;

import io.emospectrum.error.ConfigurationException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the training and evaluation data sets are: {@code -Demospectrum.shared.data}, else
 * {@code ../shared/data} (docs/data.md says how to get and prepare each set).
 */
public final class SharedData {
    private SharedData() {
    }

    /** The data root. */
    public static Path root() {
        return Path.of(System.getProperty("emospectrum.shared.data", "../shared/data"));
    }

    /** {@code dir}, when it is a directory; else a clear {@link ConfigurationException} naming {@code what}. */
    public static Path require(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException(what + " not found at " + dir.toAbsolutePath().normalize()
                    + " (pass its location on the command line, or -Demospectrum.shared.data=DIR; docs/data.md says how to get it)");
        }
        return dir;
    }
}
