package io.emospectrum.fusion.subtitle;

import io.emospectrum.error.InvalidInputException;

/** A subtitle file that is not valid SRT or WebVTT; the message names the file and line. */
public class SubtitleParseException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final int line;

    public SubtitleParseException(String source, int line, String problem) {
        super(source + (line > 0 ? ", line " + line : "") + ": " + problem);
        this.line = line;
    }

    /** The 1-based line the problem is on; 0 when it is about the whole file. */
    public int line() {
        return line;
    }
}
