package io.emospectrum.tools;

import io.emospectrum.cli.CliSupport;
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
    public static final int EXIT_FAILURE = CliSupport.EXIT_FAILURE;
    public static final int EXIT_BAD_INPUT = CliSupport.EXIT_BAD_INPUT;

    @Command(name = "train", mixinStandardHelpOptions = true, description = "Trains a model (writes under target/ unless --out says otherwise).",
            subcommands = {FineTuneEncoder.class, TrainHead.class, io.emospectrum.tools.text.FitCalibration.class, io.emospectrum.tools.text.TrainDomainCalibration.class, io.emospectrum.tools.text.ChineseHead.class, TrainCommand.class, TrainVoiceCommand.class,
                    io.emospectrum.tools.voice.TrainVoiceCorporaCommand.class, io.emospectrum.tools.voice.TrainVoiceEnsembleCommand.class,
                    io.emospectrum.tools.voice.TrainVoiceCalibratorCommand.class})
    static final class Train {
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Measures a model on held-out data.",
            subcommands = {EvaluateText.class, io.emospectrum.tools.text.EvaluateCorpora.class, io.emospectrum.tools.text.EvaluateChinese.class, io.emospectrum.tools.text.EvaluateDialogueContext.class, io.emospectrum.tools.text.LeaveOneCorpusOut.class,
                    io.emospectrum.tools.text.ValenceArousalRidge.class, io.emospectrum.tools.text.MultiCorpusRecipes.class, io.emospectrum.tools.text.ConfidenceCalibrators.class, EvaluateCommand.class, io.emospectrum.tools.face.DetectionEvaluateCommand.class,
                    EvaluateVoiceModel.class, io.emospectrum.tools.voice.EvaluateVoiceCorpora.class, PairedEvaluation.class})
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
        return CliSupport.configure(new CommandLine(new ToolsCli()), ToolsCli::handle);
    }

    /** One line on stderr for absent data and bad usage; the stack trace for anything else. */
    private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        String name = cl.getCommandSpec().qualifiedName();
        String message = CliSupport.message(ex);
        if (CliSupport.isBadInput(ex) || ex instanceof IOException || ex instanceof UncheckedIOException) {
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
            return CliSupport.version(ToolsCli.class, "/io/emospectrum/tools/version.properties", "emospectrum-tools");
        }
    }
}
