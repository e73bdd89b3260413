package io.emospectrum.server.testing;

import io.emospectrum.server.EmoServer;
import io.emospectrum.server.Extractors;
import io.emospectrum.server.ServerConfig;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.ProviderRegistry;

/** Servers for tests: the bundled voice model (found through the SPI), loopback, a random port. */
public final class TestServers {
    public static final String TOKEN = "test-token-0123456789abcdef";

    private TestServers() {
    }

    /** Only the voice extractor: what live calls need. */
    public static Extractors voiceOnly() {
        return new Extractors(ProviderRegistry.voice().select().create(ExtractorOptions.defaults()), null, null);
    }

    public static ServerConfig.Builder config() {
        return ServerConfig.builder().host("127.0.0.1").port(0).token(TOKEN);
    }
}
