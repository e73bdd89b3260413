package io.emospectrum.cli;

import io.emospectrum.cli.BatchIndex.Entry;
import io.emospectrum.cli.BatchIndex.Status;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one {@link Task} per input file into an output directory, resumably: each input's JSON Lines
 * go to a temporary file that is renamed when complete, so a result on disk is always whole and a
 * rerun skips the inputs that have one. An input that fails is recorded in the index with its error
 * and the batch goes on (a failed input is tried again on the next run). Up to {@code jobs} inputs
 * run side by side on the task's shared extractors.
 */
final class BatchRunner {
    /** The index is rewritten at most this often while inputs complete (and always at the end). */
    private static final long INDEX_INTERVAL_NANOS = 2_000_000_000L;

    /** Analyzes one input, writing its JSON Lines; throws for an input that cannot be read. */
    @FunctionalInterface
    interface Task {
        Result run(Path input, JsonLines out);
    }

    /**
     * @param items        JSON objects written
     * @param mediaSeconds media time read, NaN for text
     */
    record Result(long items, double mediaSeconds) {
    }

    /** What a run did: inputs listed, read now, failed now, skipped as already done. */
    record Summary(int inputs, int ok, int failed, int skipped, long items, double mediaSeconds, double wallSeconds) {
    }

    private final Path dir;
    private final int jobs;
    private final boolean progress;
    private final PrintWriter err;

    BatchRunner(Path dir, int jobs, boolean progress, PrintWriter err) {
        if (jobs < 1) {
            throw new io.emospectrum.error.ConfigurationException("--jobs must be at least 1, was " + jobs);
        }
        this.dir = dir;
        this.jobs = jobs;
        this.progress = progress;
        this.err = err;
    }

    Summary run(List<Path> listed, Task task) {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new io.emospectrum.error.InvalidInputException("cannot create output directory " + dir + ": " + e.getMessage());
        }
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(lockFile)) {
            return runLocked(listed, task, t0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + dir, e);
        }
    }

    /** Two runs into one directory would delete and rename each other's files: the second one is refused. */
    private FileLock tryLock(FileChannel lockFile) throws IOException {
        FileLock lock;
        try {
            lock = lockFile.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new io.emospectrum.error.InvalidInputException("another emospectrum batch is writing to " + dir
                    + "; wait for it to finish or stop it");
        }
        return lock;
    }

    private Summary runLocked(List<Path> listed, Task task, long t0) {
        BatchOutputs.deleteLeftovers(dir);
        List<Path> inputs = new ArrayList<>(new LinkedHashSet<>(listed));
        BatchIndex index = new BatchIndex(dir);
        Map<String, Entry> previous = index.readPrevious();
        List<Path> todo = new ArrayList<>();
        int skipped = 0;
        for (Path in : inputs) {
            String name = BatchOutputs.resultName(in);
            Entry before = previous.get(in.toString());
            if (Files.isRegularFile(dir.resolve(name))) {
                skipped++;
                index.put(before != null && before.status() == Status.OK && before.output().equals(name)
                        ? before : new Entry(in.toString(), name, Status.OK, Double.NaN, 0, Double.NaN, null));
            } else {
                todo.add(in);
                index.put(Entry.pending(in.toString(), name));
            }
        }
        index.write();
        // Ctrl-C: the results on disk are whole; the index says which.
        Thread onExit = new Thread(index::write, "batch-index");
        Runtime.getRuntime().addShutdownHook(onExit);

        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong items = new AtomicLong();
        double[] media = {0};
        AtomicLong lastWrite = new AtomicLong(System.nanoTime());
        ProgressBar bar = progress && !todo.isEmpty() ? bar(todo.size()) : null;
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "batch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Path in : todo) {
                running.add(pool.submit(() -> {
                    Entry e = runOne(in, task);
                    index.put(e);
                    if (e.status() == Status.OK) {
                        ok.incrementAndGet();
                        items.addAndGet(e.items());
                        if (!Double.isNaN(e.mediaSeconds())) {
                            synchronized (media) {
                                media[0] += e.mediaSeconds();
                            }
                        }
                    } else {
                        failed.incrementAndGet();
                        synchronized (err) {
                            err.println((bar != null ? "\r" : "") + "emospectrum: " + in + ": " + e.error());
                            err.flush();
                        }
                    }
                    if (bar != null) {
                        bar.setExtraMessage(failed.get() > 0 ? failed.get() + " failed" : "");
                        bar.step();
                    }
                    long now = System.nanoTime();
                    long last = lastWrite.get();
                    if (now - last > INDEX_INTERVAL_NANOS && lastWrite.compareAndSet(last, now)) {
                        index.write();
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.emospectrum.error.ExtractionException("batch interrupted", e);
        } catch (ExecutionException e) {
            // runOne catches what an input throws; this is a failure of the batch itself (disk full, ...)
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
            if (bar != null) {
                bar.close();
                err.println();
            }
            index.write();
            Runtime.getRuntime().removeShutdownHook(onExit);
        }
        return new Summary(inputs.size(), ok.get(), failed.get(), skipped, items.get(), media[0],
                (System.nanoTime() - t0) / 1e9);
    }

    private Entry runOne(Path in, Task task) {
        String name = BatchOutputs.resultName(in);
        Path result = dir.resolve(name);
        Path tmp = BatchOutputs.temporary(result);
        long t0 = System.nanoTime();
        Result r;
        try {
            try (PrintWriter w = new PrintWriter(new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)))) {
                r = task.run(in, new JsonLines(w));
                if (w.checkError()) {
                    throw new UncheckedIOException(new IOException("cannot write " + tmp));
                }
            }
        } catch (UncheckedIOException e) {
            deleteQuietly(tmp);
            throw e;
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            return new Entry(in.toString(), name, Status.FAILED, (System.nanoTime() - t0) / 1e9, 0, Double.NaN, message);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tmp, e);
        }
        BatchOutputs.moveAtomically(tmp, result);
        return new Entry(in.toString(), name, Status.OK, (System.nanoTime() - t0) / 1e9, r.items(), r.mediaSeconds(), null);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the next run deletes leftovers
        }
    }

    private ProgressBar bar(int total) {
        return new ProgressBarBuilder().setTaskName("batch").setStyle(ProgressBarStyle.ASCII)
                .setInitialMax(total).setUnit(" files", 1).setUpdateIntervalMillis(500).showSpeed()
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    synchronized (err) {
                        err.print('\r' + line);
                        err.flush();
                    }
                }, 100))
                .build();
    }
}
