package io.emospectrum.tools;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.error.ProviderNotFoundException;
import io.emospectrum.tools.face.AverageCommand;
import io.emospectrum.tools.face.BenchmarkCommand;
import io.emospectrum.tools.face.EvaluateCommand;
import io.emospectrum.tools.face.TrainCommand;
import io.emospectrum.tools.fusion.ClipBenchmark;
import io.emospectrum.tools.fusion.PairedEvaluation;
import io.emospectrum.tools.text.EvaluateText;
import io.emospectrum.tools.text.ExportFineTuned;
import io.emospectrum.tools.text.ExportHeadGraph;
import io.emospectrum.tools.text.FineTuneEncoder;
import io.emospectrum.tools.text.ThroughputBenchmark;
import io.emospectrum.tools.text.TrainHead;
import io.emospectrum.tools.voice.EvaluateVoiceModel;
import io.emospectrum.tools.voice.TrainVoiceCommand;
import io.emospectrum.tools.voice.VoiceBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The {@code emospectrum-tools} command: training, evaluation and benchmarks of the bundled models,
 * {@code emospectrum-tools train|evaluate|benchmark|export|average text|face|voice|fusion ...}.
 * Exit codes as the {@code emospectrum} command: 0 done, 1 internal failure, 2 bad usage or data
 * that is absent or unreadable.
 */
@Command(name = "emospectrum-tools", mixinStandardHelpOptions = true, versionProvider = ToolsCli.Version.class,
        description = "Trains, evaluates and benchmarks the EmoSpectrum models. Data: ../shared/data or -Demospectrum.shared.data (docs/data.md).",
        subcommands = {ToolsCli.Train.class, ToolsCli.Evaluate.class, ToolsCli.Benchmark.class, ToolsCli.Export.class,
                ToolsCli.Average.class, CommandLine.HelpCommand.class})
public final class ToolsCli {
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @Command(name = "train", mixinStandardHelpOptions = true, description = "Trains a model (writes under target/ unless --out says otherwise).",
            subcommands = {FineTuneEncoder.class, TrainHead.class, io.emospectrum.tools.text.FitCalibration.class, TrainCommand.class, TrainVoiceCommand.class})
    static final class Train {
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Measures a model on held-out data.",
            subcommands = {EvaluateText.class, io.emospectrum.tools.text.EvaluateCorpora.class, io.emospectrum.tools.text.EvaluateDialogueContext.class, io.emospectrum.tools.text.LeaveOneCorpusOut.class,
                    io.emospectrum.tools.text.ValenceArousalRidge.class, io.emospectrum.tools.text.MultiCorpusRecipes.class, EvaluateCommand.class, io.emospectrum.tools.face.DetectionEvaluateCommand.class,
                    EvaluateVoiceModel.class, PairedEvaluation.class})
    static final class Evaluate {
    }

    @Command(name = "benchmark", mixinStandardHelpOptions = true, description = "Measures speed and memory; prints the figures.",
            subcommands = {ThroughputBenchmark.class, BenchmarkCommand.class, VoiceBenchmark.class, ClipBenchmark.class})
    static final class Benchmark {
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Turns training output into shippable model directories.",
            subcommands = {ExportFineTuned.class, ExportHeadGraph.class, io.emospectrum.tools.text.CorpusFeatures.class})
    static final class Export {
    }

    @Command(name = "average", mixinStandardHelpOptions = true, description = "Averages the weights of models of one graph.",
            subcommands = {AverageCommand.class})
    static final class Average {
    }

    private ToolsCli() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ToolsCli());
        cl.setExecutionExceptionHandler(ToolsCli::handle);
        cl.setParameterExceptionHandler((ex, args) -> {
            String name = ex.getCommandLine().getCommandSpec().qualifiedName();
            ex.getCommandLine().getErr().println(name + ": " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + name + " --help'.");
            return EXIT_BAD_INPUT;
        });
        cl.setExitCodeExceptionMapper(ex -> EXIT_FAILURE);
        return cl;
    }

    /** One line on stderr for absent data and bad usage; the stack trace for anything else. */
    private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        String name = cl.getCommandSpec().qualifiedName();
        String message = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
        if (ex instanceof ConfigurationException || ex instanceof InvalidInputException || ex instanceof ProviderNotFoundException
                || ex instanceof IOException || ex instanceof UncheckedIOException) {
            cl.getErr().println(name + ": " + message);
            cl.getErr().flush();
            return EXIT_BAD_INPUT;
        }
        cl.getErr().println(name + ": " + message);
        ex.printStackTrace(cl.getErr());
        cl.getErr().flush();
        return EXIT_FAILURE;
    }

    /** The build's version (a Maven-filtered resource). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (var in = ToolsCli.class.getResourceAsStream("/io/emospectrum/tools/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"emospectrum-tools " + p.getProperty("version", "unknown")};
        }
    }
}
