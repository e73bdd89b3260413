package io.emospectrum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI in-process and captures exit code, stdout (parsed as JSON Lines) and stderr. */
record CliRun(int exitCode, String stdout, String stderr) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static CliRun run(String... args) {
        return runWithStdin(null, args);
    }

    static CliRun runWithStdin(byte[] stdin, String... args) {
        CommandLine cl = EmoSpectrumCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        InputStream savedIn = System.in;
        try {
            if (stdin != null) {
                System.setIn(new ByteArrayInputStream(stdin));
            }
            int code = cl.execute(args);
            return new CliRun(code, out.toString(), err.toString());
        } finally {
            System.setIn(savedIn);
        }
    }

    List<JsonNode> lines() {
        List<JsonNode> nodes = new ArrayList<>();
        for (String l : stdout.split("\n")) {
            if (!l.isBlank()) {
                try {
                    nodes.add(JSON.readTree(l));
                } catch (java.io.IOException e) {
                    throw new UncheckedIOException("stdout line is not JSON: " + l, e);
                }
            }
        }
        return nodes;
    }
}
