package io.emospectrum.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.emospectrum.conversation.Turn;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.spectrum.TimeSpan;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a conversation transcript as call-center systems export it: JSON Lines (one object per
 * turn) or CSV with a header row. Fields (JSON keys or CSV columns, any case): {@code speaker}
 * (also {@code role}, {@code participant}, {@code channel}), {@code text} (also
 * {@code transcript}, {@code utterance}, {@code content}), and optionally {@code start} and
 * {@code end} (also {@code start_time}/{@code end_time}, {@code begin}/{@code stop}) in seconds or
 * {@code [HH:]MM:SS[.mmm]}. A row that cannot be used becomes a {@link Row} with its line number and
 * what was wrong; the others are still read. Blank lines are skipped.
 */
final class TranscriptReader {
    /** The most turns read from one transcript (a long call has a few hundred). */
    static final int MAX_TURNS = 100_000;
    /** CSV is read whole; larger files are refused. */
    static final int MAX_CSV_BYTES = 64 << 20;

    private static final Map<String, String> FIELDS = fields();
    private static final Pattern CLOCK = Pattern.compile("(?:(\\d+):)?(\\d{1,2}):(\\d{1,2}(?:[.,]\\d+)?)");

    /** The transcript formats. */
    enum Format {
        JSONL, CSV;

        /** By the file name's extension, else by the first character ({@code {} for JSON Lines). */
        static Format of(String name, int firstChar) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
                return JSONL;
            }
            if (n.endsWith(".csv")) {
                return CSV;
            }
            return firstChar == '{' ? JSONL : CSV;
        }
    }

    /** One row of the transcript: a turn, or the reason the row could not be used. */
    record Row(long line, Turn turn, String error) {
    }

    private final ObjectMapper json = new ObjectMapper();

    /**
     * Reads every row; {@code name} (a file name or {@code -}) picks the format and names the input in errors.
     *
     * @throws InvalidInputException for a CSV without a usable header, or more than {@link #MAX_TURNS} rows
     */
    List<Row> read(InputStream input, String name) throws IOException {
        BufferedInputStream in = new BufferedInputStream(input, 1 << 16);
        in.mark(4096);
        int first;
        do {
            first = in.read();
        } while (first == ' ' || first == '\t' || first == '\r' || first == '\n' || first == 0xEF || first == 0xBB || first == 0xBF);
        in.reset();
        return Format.of(name, first) == Format.JSONL ? readJsonLines(in) : readCsv(in, name);
    }

    private List<Row> readJsonLines(InputStream in) throws IOException {
        Utf8LineReader lines = new Utf8LineReader(in, TextCommand.MAX_LINE_BYTES);
        List<Row> rows = new ArrayList<>();
        for (Utf8LineReader.Line l = lines.next(); l != null; l = lines.next()) {
            if (l.error() != null) {
                rows.add(new Row(l.number(), null, l.error()));
            } else if (!l.text().isBlank()) {
                rows.add(jsonRow(l.number(), stripBom(l.text())));
            }
            checkSize(rows);
        }
        return rows;
    }

    private Row jsonRow(long line, String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            return new Row(line, null, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return new Row(line, null, "expected a JSON object {\"speaker\": ..., \"text\": ..., \"start\": ..., \"end\": ...}");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            String field = FIELDS.get(e.getKey().toLowerCase(Locale.ROOT));
            if (field == null || e.getValue().isNull()) {
                continue; // other fields (ids, sentiment, ...) are not ours
            }
            if (e.getValue().isContainerNode()) {
                return new Row(line, null, "field '" + e.getKey() + "' must be a string or a number, not " + e.getValue().getNodeType().toString().toLowerCase(Locale.ROOT));
            }
            values.putIfAbsent(field, e.getValue().asText());
        }
        return turn(line, values);
    }

    private List<Row> readCsv(InputStream in, String name) throws IOException {
        byte[] bytes = in.readNBytes(MAX_CSV_BYTES + 1);
        if (bytes.length > MAX_CSV_BYTES) {
            throw new InvalidInputException("transcript " + name + " is larger than " + (MAX_CSV_BYTES >> 20)
                    + " MB; split it (CSV is read whole)");
        }
        // decoded with replacement: a row with bytes that are not UTF-8 is reported on its own
        String text = stripBom(new String(bytes, StandardCharsets.UTF_8));
        List<Row> rows = new ArrayList<>();
        CsvFactory factory = new CsvFactory();
        try (CsvParser p = (CsvParser) factory.createParser(text)) {
            p.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            p.enable(CsvParser.Feature.TRIM_SPACES);
            List<String> header = null;
            long line = 0;
            try {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    if (t != JsonToken.START_ARRAY) {
                        continue;
                    }
                    line = -1;
                    List<String> cells = new ArrayList<>();
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                        if (line < 0) { // the row's first value: where the row starts
                            line = lineOf(p.currentTokenLocation());
                        }
                        cells.add(p.getText());
                    }
                    if (cells.stream().allMatch(String::isEmpty)) {
                        continue; // a blank line
                    }
                    if (header == null) {
                        header = header(cells, name);
                        continue;
                    }
                    rows.add(csvRow(line, header, cells));
                    checkSize(rows);
                }
            } catch (JsonProcessingException e) { // e.g. a quote never closed: nothing after it can be read
                rows.add(new Row(line > 0 ? line : 1, null, "CSV cannot be read from here on: " + e.getOriginalMessage()));
            }
            if (header == null) {
                throw new InvalidInputException("transcript " + name + " is empty: expected a header row (speaker,text,start,end) and turns");
            }
        }
        return rows;
    }

    private static long lineOf(JsonLocation l) {
        return Math.max(1, l.getLineNr());
    }

    private static List<String> header(List<String> cells, String name) {
        List<String> fields = new ArrayList<>(cells.size());
        for (String c : cells) {
            fields.add(FIELDS.get(c.strip().toLowerCase(Locale.ROOT)));
        }
        if (!fields.contains("text") || !fields.contains("speaker")) {
            throw new InvalidInputException("transcript " + name + ": the first row must be a header naming the columns "
                    + "speaker and text (and optionally start, end); found " + cells);
        }
        return fields;
    }

    private static Row csvRow(long line, List<String> header, List<String> cells) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(header.size(), cells.size()); i++) {
            if (header.get(i) != null && !cells.get(i).isEmpty()) {
                values.putIfAbsent(header.get(i), cells.get(i));
            }
        }
        return turn(line, values);
    }

    /** The turn of a row's values by field, or what is wrong with them. */
    private static Row turn(long line, Map<String, String> values) {
        String speaker = values.get("speaker");
        String text = values.get("text");
        if (speaker == null || speaker.isBlank()) {
            return new Row(line, null, "no speaker (give a 'speaker' field)");
        }
        if (text == null) {
            return new Row(line, null, "no text (give a 'text' field)");
        }
        if (text.isBlank()) {
            return new Row(line, null, "the text is empty");
        }
        if ((speaker + text).indexOf('\uFFFD') >= 0) {
            return new Row(line, null, "invalid UTF-8 in the row");
        }
        String start = values.get("start");
        String end = values.get("end");
        if ((start == null) != (end == null)) {
            return new Row(line, null, "give both start and end, or neither (has " + (start == null ? "end" : "start") + " only)");
        }
        TimeSpan time = null;
        if (start != null) {
            double s = seconds(start);
            double e = seconds(end);
            if (Double.isNaN(s) || Double.isNaN(e)) {
                return new Row(line, null, "cannot read the time '" + (Double.isNaN(s) ? start : end)
                        + "' (expected seconds such as 12.5, or [HH:]MM:SS[.mmm])");
            }
            if (e < s) {
                return new Row(line, null, String.format(Locale.ROOT, "the turn ends (%s) before it starts (%s)", end, start));
            }
            time = new TimeSpan(s, e);
        }
        return new Row(line, new Turn(speaker.strip(), text, time), null);
    }

    /** Seconds from {@code 12.5} or {@code [HH:]MM:SS[.mmm]}; NaN when it is neither or negative. */
    static double seconds(String s) {
        String t = s.strip();
        Matcher m = CLOCK.matcher(t);
        try {
            if (m.matches()) {
                double h = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
                double v = h * 3600 + Integer.parseInt(m.group(2)) * 60 + Double.parseDouble(m.group(3).replace(',', '.'));
                return Double.isFinite(v) ? v : Double.NaN;
            }
            double v = Double.parseDouble(t);
            return Double.isFinite(v) && v >= 0 && !t.matches(".*[a-zA-Z].*") ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static void checkSize(List<Row> rows) {
        if (rows.size() > MAX_TURNS) {
            throw new InvalidInputException("the transcript has more than " + MAX_TURNS + " turns; split it");
        }
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : List.of("speaker", "role", "participant", "channel", "speaker_label", "speaker_id")) {
            m.put(k, "speaker");
        }
        for (String k : List.of("text", "transcript", "utterance", "content")) {
            m.put(k, "text");
        }
        for (String k : List.of("start", "start_time", "starttime", "begin", "start_seconds")) {
            m.put(k, "start");
        }
        for (String k : List.of("end", "end_time", "endtime", "stop", "end_seconds")) {
            m.put(k, "end");
        }
        return Map.copyOf(m);
    }
}
