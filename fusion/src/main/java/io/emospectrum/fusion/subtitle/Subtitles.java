package io.emospectrum.fusion.subtitle;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.spectrum.TimeSpan;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SubRip ({@code .srt}) and WebVTT ({@code .vtt}) subtitles into cues. The format is
 * recognized by the {@code WEBVTT} header, else taken as SRT. Markup ({@code <i>}, {@code <v Name>},
 * {@code {\an8}}) is removed; a WebVTT voice tag ({@code <v Name>}, {@code <v.loud Name>}) names the
 * cue's speaker (SRT has no speaker field: its cues have none). A file with nothing that parses
 * fails with the file and line.
 */
public final class Subtitles {
    /** Subtitle files larger than this are refused unread (a feature film's are under 200 KB). */
    public static final long MAX_FILE_BYTES = 16L << 20;
    /** The most cues read from one file (a feature film has about 2,000); each is scored by the text model. */
    public static final int MAX_CUES = 20_000;
    /** Times beyond this many hours are refused as absurd. */
    private static final long MAX_HOURS = 10_000;

    // hours optional (WebVTT allows mm:ss.ttt); SRT uses a comma before the milliseconds
    private static final Pattern TIME = Pattern.compile("(?:(\\d+):)?(\\d{1,2}):(\\d{2})[,.](\\d{1,3})");
    private static final Pattern TIMING = Pattern.compile("^\\s*(\\S+)\\s+-->\\s+(\\S+)(?:\\s+.*)?$");
    private static final Pattern TAG = Pattern.compile("<[^>]*>|\\{\\\\[^}]*}");
    // WebVTT voice span: <v Name> or <v.class1.class2 Name>
    private static final Pattern VOICE = Pattern.compile("<v(?:\\.[^\\s>]*)?\\s+([^>]+)>");

    private Subtitles() {
    }

    /**
     * Parses a subtitle file.
     *
     * @throws InvalidInputException if it is missing, unreadable or not UTF-8
     * @throws SubtitleParseException if it is not SRT or WebVTT, or holds no cue
     */
    public static List<SubtitleCue> read(Path file) {
        if (!Files.exists(file)) {
            throw new InvalidInputException("no such subtitle file: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("subtitle file " + file + " is not a regular file (a directory, device or pipe)");
        }
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InvalidInputException("subtitle file " + file + " is " + Files.size(file) + " bytes, more than the "
                        + MAX_FILE_BYTES + " accepted");
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new SubtitleParseException(file.toString(), 0, "not UTF-8 text (subtitles must be UTF-8)");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read subtitle file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses subtitle text; {@code source} names it in error messages. */
    public static List<SubtitleCue> parse(String content, String source) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        String[] lines = text.split("\r\n|\r|\n", -1);
        boolean vtt = lines.length > 0 && lines[0].startsWith("WEBVTT");
        List<SubtitleCue> cues = vtt ? parseVtt(lines, source) : parseSrt(lines, source);
        if (cues.isEmpty()) {
            throw new SubtitleParseException(source, 0, "no subtitle cue found (expected SRT or WebVTT: "
                    + "'00:00:01,000 --> 00:00:02,500' followed by text)");
        }
        return List.copyOf(cues);
    }

    private static List<SubtitleCue> parseSrt(String[] lines, String source) {
        List<SubtitleCue> cues = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            if (lines[i].isBlank()) {
                i++;
                continue;
            }
            // a block: [number] timing text...
            int timingLine = i;
            if (!lines[i].contains("-->")) {
                if (!lines[i].trim().matches("\\d+")) {
                    throw new SubtitleParseException(source, i + 1, "expected a cue number or a timing line "
                            + "'00:00:01,000 --> 00:00:02,500', found '" + abbreviate(lines[i]) + "'");
                }
                timingLine = i + 1;
            }
            if (timingLine >= lines.length || !lines[timingLine].contains("-->")) {
                throw new SubtitleParseException(source, timingLine + 1, "expected a timing line "
                        + "'00:00:01,000 --> 00:00:02,500' after cue number '" + lines[i].trim() + "'");
            }
            i = readCue(lines, timingLine, source, cues);
        }
        return cues;
    }

    private static List<SubtitleCue> parseVtt(String[] lines, String source) {
        List<SubtitleCue> cues = new ArrayList<>();
        int i = 1;
        // header lines run to the first blank line
        while (i < lines.length && !lines[i].isBlank()) {
            i++;
        }
        while (i < lines.length) {
            if (lines[i].isBlank()) {
                i++;
                continue;
            }
            String first = lines[i].trim();
            if (first.startsWith("NOTE") || first.equals("STYLE") || first.equals("REGION")) {
                while (i < lines.length && !lines[i].isBlank()) {
                    i++;
                }
                continue;
            }
            int timingLine = lines[i].contains("-->") ? i : i + 1; // an optional cue identifier first
            if (timingLine >= lines.length || !lines[timingLine].contains("-->")) {
                throw new SubtitleParseException(source, timingLine + 1, "expected a timing line "
                        + "'00:01.000 --> 00:02.500', found '" + abbreviate(timingLine < lines.length ? lines[timingLine] : "") + "'");
            }
            i = readCue(lines, timingLine, source, cues);
        }
        return cues;
    }

    /** Reads the cue whose timing is on {@code timingLine} and its text lines; returns the line after it. */
    private static int readCue(String[] lines, int timingLine, String source, List<SubtitleCue> cues) {
        TimeSpan time = timing(lines[timingLine], source, timingLine + 1);
        int i = timingLine + 1;
        StringBuilder words = new StringBuilder();
        String speaker = null;
        while (i < lines.length && !lines[i].isBlank()) {
            Matcher v = VOICE.matcher(lines[i]);
            if (speaker == null && v.find()) { // the cue's first voice names its speaker
                speaker = v.group(1).strip();
            }
            append(words, lines[i]);
            i++;
        }
        addCue(cues, time, words, speaker, source, timingLine + 1);
        return i;
    }

    private static void addCue(List<SubtitleCue> cues, TimeSpan time, StringBuilder words, String speaker, String source, int lineNumber) {
        String text = words.toString().trim();
        if (!text.isEmpty() && cues.size() == MAX_CUES) {
            throw new SubtitleParseException(source, lineNumber, "more than " + MAX_CUES + " cues; split the file");
        }
        if (!text.isEmpty()) { // a cue with only markup carries no words to read
            cues.add(new SubtitleCue(cues.size() + 1, time, text, speaker));
        }
    }

    private static void append(StringBuilder words, String line) {
        String clean = TAG.matcher(line).replaceAll("")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ").replace("&amp;", "&").trim();
        if (!clean.isEmpty()) {
            if (words.length() > 0) {
                words.append(' ');
            }
            words.append(clean);
        }
    }

    private static TimeSpan timing(String line, String source, int lineNumber) {
        Matcher m = TIMING.matcher(line);
        if (!m.matches()) {
            throw new SubtitleParseException(source, lineNumber, "cannot read timing line '" + abbreviate(line) + "'");
        }
        double start = seconds(m.group(1), source, lineNumber);
        double end = seconds(m.group(2), source, lineNumber);
        if (end < start) {
            throw new SubtitleParseException(source, lineNumber, String.format(Locale.ROOT,
                    "cue ends (%.3f s) before it starts (%.3f s)", end, start));
        }
        return new TimeSpan(start, end);
    }

    private static double seconds(String stamp, String source, int lineNumber) {
        Matcher m = TIME.matcher(stamp);
        if (!m.matches()) {
            throw new SubtitleParseException(source, lineNumber, "cannot read time '" + abbreviate(stamp)
                    + "' (expected HH:MM:SS,mmm or HH:MM:SS.mmm)");
        }
        int minutes = Integer.parseInt(m.group(2));
        int secs = Integer.parseInt(m.group(3));
        if (minutes > 59 || secs > 59) {
            throw new SubtitleParseException(source, lineNumber, "time '" + stamp + "' has minutes or seconds above 59");
        }
        String ms = (m.group(4) + "00").substring(0, 3);
        if (m.group(1) != null && (m.group(1).length() > 5 || Long.parseLong(m.group(1)) > MAX_HOURS)) {
            throw new SubtitleParseException(source, lineNumber, "time '" + abbreviate(stamp) + "' is more than " + MAX_HOURS
                    + " hours: not a time in any clip");
        }
        long hours = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        return hours * 3600 + minutes * 60 + secs + Integer.parseInt(ms) / 1000.0;
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 60 ? t : t.substring(0, 57) + "...";
    }

    /**
     * Keeps the cues that start before {@code durationSeconds}, cut to end there.
     *
     * @return the cues within the clip and how many ran past its end
     */
    public static Fit fitTo(List<SubtitleCue> cues, double durationSeconds) {
        List<SubtitleCue> kept = new ArrayList<>(cues.size());
        int past = 0;
        for (SubtitleCue c : cues) {
            SubtitleCue clipped = c.clippedTo(durationSeconds);
            if (clipped != c) {
                past++;
            }
            if (clipped != null) {
                kept.add(clipped);
            }
        }
        return new Fit(List.copyOf(kept), past);
    }

    /** Cues fitted to a clip: those kept (clipped where needed), and how many ran past its end. */
    public record Fit(List<SubtitleCue> cues, int pastEnd) {
    }
}
