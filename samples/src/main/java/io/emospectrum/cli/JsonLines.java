package io.emospectrum.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emospectrum.json.ReadingJson;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Writes one JSON object per line and flushes it, so consumers see results as they are produced. */
final class JsonLines {
    private final PrintWriter out;
    private final ReadingJson json = new ReadingJson(new ObjectMapper());

    JsonLines(PrintWriter out) {
        this.out = out;
    }

    ReadingJson readings() {
        return json;
    }

    ObjectNode object() {
        return json.mapper().createObjectNode();
    }

    void write(ObjectNode node) {
        try {
            out.println(json.mapper().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        OutputFailedException.flushOrFail(out);
    }
}
