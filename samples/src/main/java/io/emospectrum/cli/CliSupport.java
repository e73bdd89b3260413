package io.emospectrum.cli;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.DeviceUnavailableException;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.error.ProviderNotFoundException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The picocli setup both launchers share ({@code emospectrum} here, {@code emospectrum-tools} in the
 * tools module, which depends on this one and not the other way round): one line for a usage error
 * naming the command, the exit codes, the version from a Maven-filtered resource.
 */
public final class CliSupport {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_INPUT = 2;

    private CliSupport() {
    }

    /**
     * Usage errors print "{@code <command> <sub>: message}" and "Try '... --help'." and exit
     * {@value #EXIT_BAD_INPUT}; exceptions go to {@code handler}; anything else unmapped exits {@value #EXIT_FAILURE}.
     */
    public static CommandLine configure(CommandLine cl, CommandLine.IExecutionExceptionHandler handler) {
        cl.setExecutionExceptionHandler(handler);
        cl.setParameterExceptionHandler((ex, args) -> {
            // "emospectrum text", or "emospectrum" itself: the command's full name, once
            String name = ex.getCommandLine().getCommandSpec().qualifiedName();
            ex.getCommandLine().getErr().println(name + ": " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + name + " --help'.");
            return EXIT_BAD_INPUT;
        });
        cl.setExitCodeExceptionMapper(ex -> EXIT_FAILURE);
        return cl;
    }

    /** The user's mistake (bad options, input, provider or device), not ours: exit {@value #EXIT_BAD_INPUT}. */
    public static boolean isBadInput(Exception ex) {
        return ex instanceof InvalidInputException || ex instanceof ProviderNotFoundException
                || ex instanceof ConfigurationException || ex instanceof DeviceUnavailableException;
    }

    /** An exception's message, or its type where it has none. */
    public static String message(Exception ex) {
        return ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
    }

    /** "{@code program version}" from a resource holding {@code version=${project.version}}. */
    public static String[] version(Class<?> anchor, String resource, String program) throws IOException {
        Properties p = new Properties();
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            p.load(in);
        }
        return new String[] {program + " " + p.getProperty("version")};
    }
}
