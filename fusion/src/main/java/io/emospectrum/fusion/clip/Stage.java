package io.emospectrum.fusion.clip;

import io.emospectrum.error.EmoSpectrumException;
import io.emospectrum.error.ExtractionException;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * One step of the clip pipeline on its own thread, fed through a small bounded queue so that
 * decoding never runs far ahead (the clip is streamed, not held). A failure stops the stage and
 * is rethrown to the producer at its next {@link #submit} or at {@link #finish}.
 */
final class Stage<T> {
    private static final Object END = new Object();

    private final String name;
    private final BlockingQueue<Object> queue;
    private final Consumer<T> handler;
    private final Runnable onEnd;
    private final Runnable onClose;
    private final Thread thread;
    private volatile Throwable failure;

    /**
     * @param onEnd   runs on the stage's thread after the last item, unless the stage failed (flushing)
     * @param onClose runs on the stage's thread at the very end, always (freeing resources)
     */
    Stage(String name, int capacity, Consumer<T> handler, Runnable onEnd, Runnable onClose) {
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.handler = handler;
        this.onEnd = onEnd;
        this.onClose = onClose;
        this.thread = new Thread(this::run, "emospectrum-clip-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @SuppressWarnings("unchecked")
    private void run() {
        try {
            while (true) {
                Object item = queue.take();
                if (item == END) {
                    break;
                }
                if (failure == null) {
                    try {
                        handler.accept((T) item);
                    } catch (RuntimeException | Error e) {
                        failure = e; // keep draining so the producer never blocks on a dead stage
                    }
                }
            }
            if (failure == null) {
                onEnd.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            try {
                onClose.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
    }

    void submit(T item) {
        rethrow();
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmoSpectrumException("interrupted while feeding the " + name + " stage", e);
        }
    }

    /** Lets the stage finish its queue and end; rethrows its failure. */
    void finish() {
        try {
            queue.put(END);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.interrupt();
            throw new EmoSpectrumException("interrupted while waiting for the " + name + " stage", e);
        }
        rethrow();
    }

    /** Stops the stage without waiting for its queue (after a failure elsewhere). */
    void abort() {
        thread.interrupt();
    }

    private void rethrow() {
        Throwable f = failure;
        if (f instanceof EmoSpectrumException e) {
            throw e;
        }
        if (f != null) {
            throw new ExtractionException(name + " analysis failed: " + f, f);
        }
    }
}
