package io.emospectrum.docs;

import io.emospectrum.server.EmoServer;
import io.emospectrum.server.Extractors;
import io.emospectrum.server.ServerConfig;
import io.emospectrum.spi.ExtractorOptions;

/** The Java of docs/server.md, compiled with the build; {@link DocSnippetsTest} checks the doc shows exactly this. */
final class ServerSnippets {
    private ServerSnippets() {
    }

    static void embed(String token, Runnable serveUntilStopped) {
        // tag::embed[]
        try (Extractors extractors = Extractors.load(ExtractorOptions.defaults());
             EmoServer server = EmoServer.start(ServerConfig.builder().port(8080).token(token).build(), extractors)) {
            serveUntilStopped.run();               // close() is the graceful shutdown: open calls get their summaries
        }
        // end::embed[]
    }
}
