package io.emospectrum.cli;

import io.emospectrum.error.EmoSpectrumException;
import io.emospectrum.error.ExtractorClosedException;

/**
 * What one item's error line says. Bad input gets its own message; anything unexpected on one item
 * (an engine failure, an {@link OutOfMemoryError}) is that item's error too, so the other items are
 * still read. Failures that doom every later item (output lost, extractor gone) are not items' failures.
 */
final class ItemFailure {
    private ItemFailure() {
    }

    /** True if {@code t} ends the whole run rather than one item. */
    static boolean endsTheRun(Throwable t) {
        return t instanceof OutputFailedException || t instanceof ExtractorClosedException
                || (t instanceof Error && !(t instanceof OutOfMemoryError));
    }

    /** The item's one-line error message. */
    static String message(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return "out of memory while reading this item (" + t.getMessage() + "); give the JVM more with "
                    + "EMOSPECTRUM_JAVA_OPTS=-Xmx..., or make the item smaller";
        }
        String m = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        return t instanceof EmoSpectrumException ? m : "internal error (" + t.getClass().getName() + "): " + m;
    }
}
