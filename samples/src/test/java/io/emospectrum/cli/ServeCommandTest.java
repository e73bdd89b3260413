package io.emospectrum.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The serve command's refusals, which happen before any model is loaded or port bound. */
class ServeCommandTest {
    @Test
    void authenticationCannotBeTurnedOffOffLoopback() {
        CliRun r = CliRun.run("serve", "--no-auth", "--host", "0.0.0.0", "--port", "0");
        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(r.stderr()).contains("loopback");
    }

    @Test
    void aShortTokenIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path token = dir.resolve("token");
        java.nio.file.Files.writeString(token, "short\n");
        CliRun r = CliRun.run("serve", "--token-file", token.toString(), "--port", "0");
        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(r.stderr()).contains("at least 16 characters");
    }
}
