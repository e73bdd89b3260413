package io.emospectrum.server;

import io.emospectrum.error.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerConfigTest {
    @Test
    void authenticationIsOnAndNeedsAToken() {
        assertThatThrownBy(() -> ServerConfig.builder().build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("bearer token");
        assertThatThrownBy(() -> ServerConfig.builder().token("short").build()).isInstanceOf(ConfigurationException.class);
        ServerConfig c = ServerConfig.builder().token("0123456789abcdef").build();
        assertThat(c.authEnabled()).isTrue();
        assertThat(c.token()).hasValue("0123456789abcdef");
        assertThat(c.scoreAgent()).isFalse();
        assertThat(c.spoolDir()).isEmpty();
    }

    @Test
    void authenticationTurnsOffOnLoopbackOnly() {
        assertThat(ServerConfig.builder().host("127.0.0.1").noAuth(true).build().authEnabled()).isFalse();
        assertThat(ServerConfig.builder().host("localhost").noAuth(true).token("0123456789abcdef").build().token()).isEmpty();
        assertThatThrownBy(() -> ServerConfig.builder().host("0.0.0.0").noAuth(true).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("loopback");
    }

    @Test
    void limitsAreChecked() {
        ServerConfig.Builder b = ServerConfig.builder().token("0123456789abcdef");
        assertThatThrownBy(() -> b.maxCalls(0).build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> ServerConfig.builder().token("0123456789abcdef").port(70_000).build())
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> ServerConfig.builder().token("0123456789abcdef").spoolDir(java.nio.file.Path.of("/no/such/dir")).build())
                .isInstanceOf(ConfigurationException.class);
    }
}
