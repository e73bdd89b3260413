package io.emospectrum.lifecycle;

import io.emospectrum.error.ExtractorClosedException;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Makes {@code close()} safe while other threads are inside calls: every call that touches native
 * memory runs between {@link #enter()} and the returned {@link Call}'s {@code close()}; {@link #close()}
 * refuses new calls at once, waits for the calls in flight to finish, and only then frees. A call
 * that starts after {@code close()} fails with {@link ExtractorClosedException}, never with a freed
 * native handle.
 *
 * <p>A {@code close()} from inside a call of the same guard (a stream listener closing its
 * extractor) cannot wait for itself: it refuses new calls and leaves the freeing to the last call
 * in flight as it returns.
 *
 * <pre>{@code
 * private final CloseGuard guard = new CloseGuard("text extractor", this::free);
 * public TextAnalysis analyze(String t) {
 *     try (CloseGuard.Call call = guard.enter()) {
 *         return score(t);
 *     }
 * }
 * public void close() { guard.close(); }
 * }</pre>
 */
public final class CloseGuard {
    /** One call in flight; closing it lets a waiting {@code close()} go on. */
    public interface Call extends AutoCloseable {
        @Override
        void close();
    }

    private final String what;
    private final Runnable release;
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    private int inFlight;
    private boolean closed;
    private boolean deferred;
    private boolean released;

    /**
     * @param what    names the guarded object in the exception ("text extractor")
     * @param release frees the native resources; runs exactly once, with no call in flight
     */
    public CloseGuard(String what, Runnable release) {
        this.what = Objects.requireNonNull(what, "what");
        this.release = Objects.requireNonNull(release, "release");
    }

    /**
     * Registers a call.
     *
     * @throws ExtractorClosedException if {@link #close()} has begun
     */
    public Call enter() {
        synchronized (this) {
            if (closed) {
                throw new ExtractorClosedException(what + " is closed");
            }
            inFlight++;
        }
        depth.get()[0]++;
        return this::exit;
    }

    /** Runs {@code body} as one call. */
    public <T> T call(Supplier<T> body) {
        try (Call c = enter()) {
            return body.get();
        }
    }

    /** Fails with {@link ExtractorClosedException} if {@link #close()} has begun. */
    public synchronized void checkOpen() {
        if (closed) {
            throw new ExtractorClosedException(what + " is closed");
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    private void exit() {
        int[] d = depth.get();
        d[0]--;
        if (d[0] == 0) {
            depth.remove();
        }
        boolean freeNow = false;
        synchronized (this) {
            inFlight--;
            if (inFlight == 0) {
                notifyAll();
                if (deferred && !released) {
                    released = true;
                    freeNow = true;
                }
            }
        }
        if (freeNow) {
            release.run();
        }
    }

    /**
     * Refuses new calls, waits for the calls in flight, then frees. Idempotent; an interrupt while
     * waiting is kept for the caller and the wait goes on (freeing under a running call would crash).
     */
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            boolean inside = depth.get()[0] > 0;
            if (!inside) {
                depth.remove();
            }
            if (inside) {
                deferred = true; // called from inside a call: the last call out frees
                return;
            }
            boolean interrupted = false;
            while (inFlight > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            released = true;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        release.run();
    }
}
