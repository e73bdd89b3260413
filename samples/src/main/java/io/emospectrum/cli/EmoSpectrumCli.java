package io.emospectrum.cli;

import io.emospectrum.error.ModelLoadException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The {@code emospectrum} command: one subcommand per input kind, each writing JSON Lines to
 * standard output and one-line diagnostics to standard error.
 *
 * <p>Exit codes: 0 everything was read; 1 an internal failure (model, engine); 2 bad usage or
 * input that could not be read at all (also a missing modality module); 3 some items failed
 * (each has an {@code "error"} object in the output) and the others were read.
 */
@Command(name = "emospectrum",
        mixinStandardHelpOptions = true,
        versionProvider = EmoSpectrumCli.Version.class,
        description = "Reads expressed emotion from text, faces and voice, as one emotion spectrum per item (JSON Lines).",
        subcommands = {TextCommand.class, ImageCommand.class, AudioCommand.class, CallCommand.class, VideoCommand.class, BatchCommand.class,
                ServeCommand.class, ProvidersCommand.class,
                CommandLine.HelpCommand.class})
public final class EmoSpectrumCli {
    public static final int EXIT_OK = CliSupport.EXIT_OK;
    public static final int EXIT_FAILURE = CliSupport.EXIT_FAILURE;
    public static final int EXIT_BAD_INPUT = CliSupport.EXIT_BAD_INPUT;
    public static final int EXIT_PARTIAL = 3;

    public static void main(String[] args) {
        CommandLine cl = commandLine();
        cl.setOut(standardOutput());
        int code = cl.execute(args);
        if (cl.getOut().checkError() && code == EXIT_OK) { // help or version text that could not be written
            code = EXIT_FAILURE;
        }
        System.exit(code);
    }

    /**
     * Standard output without {@link System#out}'s PrintStream, which swallows write errors: a full
     * disk or a closed pipe must reach {@link PrintWriter#checkError()} and end the run.
     */
    static PrintWriter standardOutput() {
        String name = System.getProperty("sun.stdout.encoding");
        Charset charset = name != null && Charset.isSupported(name) ? Charset.forName(name) : Charset.defaultCharset();
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), charset), 1 << 16));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cl = CliSupport.configure(new CommandLine(new EmoSpectrumCli()), EmoSpectrumCli::handle);
        ProviderOptionsHelp.install(cl);
        return cl;
    }

    /** One clear line on stderr; the stack trace only with {@code --verbose}. */
    private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean verbose = parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--verbose");
        cl.getErr().println("emospectrum: " + CliSupport.message(ex));
        if (verbose) {
            ex.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        if (CliSupport.isBadInput(ex)) {
            return EXIT_BAD_INPUT;
        }
        // a model the user named (--model) that cannot be found or loaded is bad input; the bundled one failing is ours
        if (ex instanceof ModelLoadException && parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--model")) {
            return EXIT_BAD_INPUT;
        }
        return EXIT_FAILURE;
    }

    /** The build's version, from a resource Maven filters (so it is right from classes and from the jar). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            return CliSupport.version(EmoSpectrumCli.class, "/io/emospectrum/cli/version.properties", "emospectrum");
        }
    }
}
