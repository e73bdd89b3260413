package io.emospectrum.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The inputs that once broke EmoSpectrum, kept in {@code ../shared/repro/} beside the project
 * ({@code -Demospectrum.shared.repro=DIR} moves it). Tests that need one skip where it is absent;
 * most tests also build an equivalent input themselves so that they run everywhere.
 */
public final class Reproducers {
    /** The system property naming the directory. */
    public static final String PROPERTY = "emospectrum.shared.repro";

    private Reproducers() {
    }

    /** The reproducer {@code name}, or the test is skipped. */
    public static Path file(String name) {
        String dir = System.getProperty(PROPERTY);
        Assumptions.assumeTrue(dir != null, PROPERTY + " is not set: skipping the test of reproducer " + name);
        Path p = Path.of(dir, name);
        Assumptions.assumeTrue(Files.isRegularFile(p), "reproducer " + p + " is absent: skipping");
        return p;
    }
}
