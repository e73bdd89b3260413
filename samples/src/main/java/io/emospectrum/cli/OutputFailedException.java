package io.emospectrum.cli;

import io.emospectrum.error.EmoSpectrumException;

import java.io.PrintWriter;

/**
 * Standard output could not be written (a closed pipe, a full disk): the run stops at once rather
 * than reading on and reporting success for results nobody received.
 */
final class OutputFailedException extends EmoSpectrumException {
    private static final long serialVersionUID = 1L;

    OutputFailedException() {
        super("cannot write the output (standard output is closed, the disk is full or an I/O error occurred); stopped");
    }

    /** Flushes {@code out} and fails if it, or any earlier write, failed (a PrintWriter only records errors). */
    static void flushOrFail(PrintWriter out) {
        if (out.checkError()) { // checkError flushes first
            throw new OutputFailedException();
        }
    }
}
