package io.emospectrum.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines of strict UTF-8 one at a time, so that a huge input streams in constant memory and a
 * line with invalid bytes becomes an error for that line alone instead of being silently replaced.
 */
final class Utf8LineReader {
    /** A line, or the reason it could not be decoded. */
    record Line(long number, String text, String error) {
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
    private long lineNumber;

    Utf8LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at the end of input. */
    Line next() throws IOException {
        buf.reset();
        boolean tooLong = false;
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (buf.size() < maxLineBytes) {
                buf.write(b);
            } else {
                tooLong = true;
            }
        }
        if (b == -1 && buf.size() == 0 && !tooLong) {
            return null;
        }
        lineNumber++;
        if (tooLong) {
            return new Line(lineNumber, null, "line is longer than " + maxLineBytes + " bytes");
        }
        byte[] bytes = buf.toByteArray();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return new Line(lineNumber, decoder.decode(ByteBuffer.wrap(bytes, 0, len)).toString(), null);
        } catch (MalformedInputException e) {
            return new Line(lineNumber, null, "invalid UTF-8 (" + e.getInputLength() + " bad byte(s))");
        } catch (CharacterCodingException e) {
            return new Line(lineNumber, null, "invalid UTF-8: " + e.getMessage());
        }
    }
}
