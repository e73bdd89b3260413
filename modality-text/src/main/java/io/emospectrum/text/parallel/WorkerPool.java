package io.emospectrum.text.parallel;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a call's independent tasks (encoder batches, language identification of a chunk of texts)
 * on up to {@code threads} cores: the calling thread and {@code threads - 1} daemon workers take
 * tasks from the call's list until none is left. The caller never waits for a worker to become
 * free, only for tasks already started, so concurrent calls cannot deadlock and a busy pool only
 * means the caller does more of its own work. The encoder then runs each batch on one thread:
 * independent batches side by side use two cores better than one batch split across them
 * (no synchronization inside each operator, no spinning threads between calls).
 */
public final class WorkerPool implements AutoCloseable {
    private final int threads;
    private final ExecutorService workers;

    /** @param threads cores a call may use, the caller's included; 1 runs everything on the caller */
    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.workers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, daemonThreads());
    }

    /** One thread per available processor. */
    public static WorkerPool perProcessor() {
        return new WorkerPool(Runtime.getRuntime().availableProcessors());
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs every task once and returns when all have finished; the first exception a task throws
     * is rethrown on the caller once the other tasks have run.
     */
    public void runAll(List<? extends Runnable> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        if (workers == null || tasks.size() == 1) {
            for (Runnable t : tasks) {
                t.run();
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(tasks.size());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable drain = () -> {
            for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
                try {
                    tasks.get(i).run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }
        };
        int helpers = Math.min(threads, tasks.size()) - 1;
        for (int h = 0; h < helpers; h++) {
            try {
                workers.execute(drain);
            } catch (RejectedExecutionException e) {
                break; // closed: the caller does the rest
            }
        }
        drain.run();
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the tasks hold native batches: let them finish
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the workers; calls still running finish on their callers' threads. */
    @Override
    public void close() {
        if (workers != null) {
            workers.shutdown();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "emospectrum-text-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
