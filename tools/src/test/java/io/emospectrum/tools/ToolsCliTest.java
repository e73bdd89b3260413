package io.emospectrum.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ToolsCliTest {
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = ToolsCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"train text", "train text-head", "train face", "train voice", "train voice-corpora", "train voice-ensemble", "evaluate text", "evaluate face",
            "evaluate voice", "evaluate fusion", "benchmark text", "benchmark face", "benchmark voice", "benchmark fusion",
            "export text", "export text-head-graph", "average face", "evaluate text-va", "evaluate text-recipes"})
    void everyToolHasHelp(String command) {
        Run r = run((command + " --help").split(" "));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Usage: emospectrum-tools " + command);
    }

    @Test
    void printsTheBuildsVersion() {
        Run r = run("--version");
        assertThat(r.out().strip()).matches("emospectrum-tools \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evaluate text --data", "evaluate voice --data", "evaluate fusion --data", "evaluate face", "train voice --data",
            "benchmark text --data"})
    void absentDataIsOneCleanLineAndExitCode2(String command, @TempDir Path empty) {
        Path missing = empty.resolve("absent");
        Run r = run((command + " " + missing).split(" "));
        assertThat(r.code()).isEqualTo(ToolsCli.EXIT_BAD_INPUT);
        assertThat(r.err()).contains("not found at").contains("docs/data.md").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void aBadOptionNamesTheCommandOnce() {
        Run r = run("evaluate", "voice", "--no-such-option");
        assertThat(r.code()).isEqualTo(ToolsCli.EXIT_BAD_INPUT);
        assertThat(r.err()).contains("emospectrum-tools evaluate voice: Unknown option").doesNotContain("emospectrum-tools emospectrum-tools");
    }
}
