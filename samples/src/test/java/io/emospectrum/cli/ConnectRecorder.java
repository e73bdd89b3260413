package io.emospectrum.cli;

import java.io.FileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Permission;

/**
 * A security manager that allows everything and writes down every network connection the JVM
 * opens, one {@code host:port} a line, to the file named by {@code -Demospectrum.test.connects}.
 * {@link NoNetworkIT} installs it in the JVMs it starts ({@code -Djava.security.manager=...}).
 */
@SuppressWarnings("removal")
public final class ConnectRecorder extends SecurityManager {
    private final String log = System.getProperty("emospectrum.test.connects");

    @Override
    public void checkPermission(Permission perm) {
        // everything is allowed: this only records
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
        // everything is allowed: this only records
    }

    @Override
    public void checkConnect(String host, int port) {
        if (port >= 0) { // port -1 is a name lookup, not a connection
            record(host + ":" + port);
        }
    }

    @Override
    public void checkConnect(String host, int port, Object context) {
        checkConnect(host, port);
    }

    private synchronized void record(String target) {
        try (FileWriter w = new FileWriter(log, true)) {
            w.write(target + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
