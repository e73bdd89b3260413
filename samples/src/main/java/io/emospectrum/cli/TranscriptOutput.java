package io.emospectrum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emospectrum.conversation.ContextWindow;
import io.emospectrum.conversation.Conversation;
import io.emospectrum.conversation.ConversationAnalysis;
import io.emospectrum.conversation.SpeakerSummary;
import io.emospectrum.conversation.Turn;
import io.emospectrum.conversation.TurnReading;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.TextEmotionExtractor;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code emospectrum text --transcript}: reads the transcript's rows, reads the good ones as one
 * conversation and writes, in the file's order, one object per row ({@code "type": "turn"}: the
 * reading in context, the turn's own reading as {@code alone}; or an {@code error}), then one per
 * speaker ({@code "type": "speaker"}).
 */
final class TranscriptOutput {
    private final JsonLines out;
    private final PrintWriter err;
    private final boolean segments;
    private final boolean noContext;

    TranscriptOutput(JsonLines out, PrintWriter err, boolean segments, boolean noContext) {
        this.out = out;
        this.err = err;
        this.segments = segments;
        this.noContext = noContext;
    }

    int run(String name, InputStream in, Supplier<TextEmotionExtractor> extractors) throws IOException {
        List<TranscriptReader.Row> rows;
        try {
            rows = new TranscriptReader().read(in, name);
        } finally {
            if (in != System.in) {
                in.close();
            }
        }
        Map<TranscriptReader.Row, String> failed = new HashMap<>();
        rows.stream().filter(r -> r.error() != null).forEach(r -> failed.put(r, r.error()));
        try (TextEmotionExtractor x = extractors.get()) {
            ConversationAnalysis analysis = analyze(x, rows, failed);
            int k = 0;
            for (TranscriptReader.Row r : rows) {
                if (failed.containsKey(r)) {
                    writeError(r.line(), failed.get(r));
                } else {
                    writeTurn(r.line(), analysis.turns().get(k++));
                }
            }
            for (SpeakerSummary s : analysis.speakers()) {
                ObjectNode o = out.object();
                o.put("type", "speaker");
                o.put("speaker", s.speaker());
                o.put("turns", s.turns());
                out.readings().write(s.overall(), o);
                out.write(o);
            }
        }
        return failed.isEmpty() ? EmoSpectrumCli.EXIT_OK : EmoSpectrumCli.EXIT_PARTIAL;
    }

    /**
     * The conversation of the rows that read; a turn the extractor refuses (nothing to read, too
     * long) is found by reading the turns one by one, becomes an error, and the rest is read again.
     */
    private ConversationAnalysis analyze(TextEmotionExtractor x, List<TranscriptReader.Row> rows, Map<TranscriptReader.Row, String> failed) {
        ContextWindow window = noContext ? ContextWindow.NONE : x.contextWindow();
        try {
            return x.analyzeConversation(conversation(rows, failed), window);
        } catch (InvalidInputException batch) {
            for (TranscriptReader.Row r : rows) {
                if (!failed.containsKey(r)) {
                    try {
                        x.analyze(r.turn().text());
                    } catch (InvalidInputException e) {
                        failed.put(r, e.getMessage());
                    }
                }
            }
            return x.analyzeConversation(conversation(rows, failed), window);
        }
    }

    private static Conversation conversation(List<TranscriptReader.Row> rows, Map<TranscriptReader.Row, String> failed) {
        List<Turn> turns = new ArrayList<>();
        for (TranscriptReader.Row r : rows) {
            if (!failed.containsKey(r)) {
                turns.add(r.turn());
            }
        }
        if (turns.isEmpty()) {
            throw new InvalidInputException(rows.isEmpty() ? "the transcript has no turns"
                    : "no turn of the transcript could be read (" + rows.size() + " rows with errors; the first, line "
                    + rows.get(0).line() + ": " + failed.get(rows.get(0)) + ")");
        }
        return Conversation.of(turns);
    }

    private void writeTurn(long line, TurnReading t) {
        ObjectNode o = out.object();
        o.put("type", "turn");
        o.put("line", line);
        o.put("turn", t.index());
        o.put("speaker", t.speaker());
        out.readings().write(t.reading(), o);
        out.readings().writeText(t.alone(), o);
        ObjectNode alone = o.putObject("alone");
        EmotionReading a = t.alone().overall();
        out.readings().writeSpectrum(a.spectrum(), alone);
        alone.put("confidence", a.confidence());
        if (segments) {
            ArrayNode s = o.putArray("segments");
            for (EmotionReading r : t.alone().segments()) {
                s.add(out.readings().toNode(r));
            }
        }
        out.write(o);
    }

    private void writeError(long line, String message) {
        ObjectNode o = out.object();
        o.put("type", "turn");
        o.put("line", line);
        o.put("error", message);
        out.write(o);
        err.println("emospectrum: line " + line + ": " + message);
        err.flush();
    }
}
