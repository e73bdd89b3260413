package io.emospectrum.cli;

import io.emospectrum.media.javacv.NativeLogs;
import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What a new user meets in the first hour: version, usage errors, exit codes, stderr. */
class FirstHourTest {

    @Test
    void versionIsTheBuildsVersion() {
        CliRun r = CliRun.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout().strip()).matches("emospectrum \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void usageErrorsNameTheCommandOnce() {
        CliRun sub = CliRun.run("text", "--no-such-option", "hi");
        assertThat(sub.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(sub.stderr()).startsWith("emospectrum text: Unknown option").contains("Try 'emospectrum text --help'.");
        CliRun top = CliRun.run("--no-such-option");
        assertThat(top.stderr()).startsWith("emospectrum: Unknown option").contains("Try 'emospectrum --help'.");
        assertThat(sub.stderr() + top.stderr()).doesNotContain("emospectrum emospectrum");
    }

    @Test
    void anUnreadableFilePrintsItsPathOnce(@TempDir Path dir) {
        Path missing = dir.resolve("missing.wav");
        CliRun r = CliRun.run("audio", "--provider=loudness-test", missing.toString());
        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_PARTIAL);
        String line = r.stderr().lines().filter(l -> l.contains("missing.wav")).findFirst().orElseThrow();
        assertThat(line.split(java.util.regex.Pattern.quote(missing.toString()), -1)).hasSize(2);
    }

    @Test
    void ffmpegIsQuietUnlessVerbose(@TempDir Path dir) {
        Path missing = dir.resolve("missing.wav");
        CliRun.run("audio", "--provider=loudness-test", "--verbose", missing.toString());
        assertThat(NativeLogs.ffmpegLevel()).isEqualTo(avutil.AV_LOG_INFO);
        CliRun.run("audio", "--provider=loudness-test", missing.toString());
        assertThat(NativeLogs.ffmpegLevel()).isEqualTo(avutil.AV_LOG_QUIET);
    }

    @Test
    void aGpuThatIsNotThereIsBadUsage() {
        Assumptions.assumeTrue(ai.djl.engine.Engine.getEngine("OnnxRuntime").getGpuCount() == 0, "this machine has a GPU");
        CliRun r = CliRun.run("text", "--device", "gpu", "hello");
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(r.stderr()).contains("GPU").doesNotContain("\tat ");
    }

    @Test
    void aModelFolderThatIsNotThereIsBadUsage(@TempDir Path dir) throws IOException {
        Path wav = Files.write(dir.resolve("a.wav"), new byte[0]);
        CliRun r = CliRun.run("audio", "--model", dir.resolve("no-such-model").toString(), wav.toString());
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(r.stderr()).contains("no-such-model");
    }

    @Test
    void aTextFilePassedAsAClipIsNotSuccess(@TempDir Path dir) throws IOException {
        Path notAClip = Files.writeString(dir.resolve("notes.txt"), "hello world\n");
        CliRun r = CliRun.run("video", "--no-progress", notAClip.toString());
        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
    }

    @Test
    void textDoesNotAdvertiseUrlModelsItRefuses() {
        CliRun help = CliRun.run("text", "--help");
        assertThat(help.stdout().replaceAll("\\s+", " ")).contains("text models load from a local directory only");
        CliRun r = CliRun.run("text", "--model", "https://example.com/model", "--label-mapping", "mapping.json", "hello");
        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
    }
}
