package io.emospectrum.text.parallel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerPoolTest {

    private static List<Runnable> counting(AtomicIntegerArray runs) {
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < runs.length(); i++) {
            int k = i;
            tasks.add(() -> runs.incrementAndGet(k));
        }
        return tasks;
    }

    @Test
    void everyTaskRunsExactlyOnceWhateverThePoolSize() {
        for (int threads : new int[]{1, 2, 5}) {
            try (WorkerPool pool = new WorkerPool(threads)) {
                for (int n : new int[]{0, 1, 3, 50}) {
                    AtomicIntegerArray runs = new AtomicIntegerArray(n);
                    pool.runAll(counting(runs));
                    for (int i = 0; i < n; i++) {
                        assertThat(runs.get(i)).as("task %d of %d, %d threads", i, n, threads).isEqualTo(1);
                    }
                }
            }
        }
    }

    @Test
    void aFailingTaskFailsTheCallAfterTheOthersRan() {
        try (WorkerPool pool = new WorkerPool(2)) {
            AtomicIntegerArray runs = new AtomicIntegerArray(20);
            List<Runnable> tasks = new ArrayList<>(counting(runs));
            tasks.set(7, () -> {
                throw new IllegalStateException("batch 7 failed");
            });
            assertThatThrownBy(() -> pool.runAll(tasks)).isInstanceOf(IllegalStateException.class).hasMessage("batch 7 failed");
            for (int i = 0; i < 20; i++) {
                assertThat(runs.get(i)).isEqualTo(i == 7 ? 0 : 1);
            }
            // and the pool still works
            AtomicIntegerArray again = new AtomicIntegerArray(5);
            pool.runAll(counting(again));
            assertThat(again.get(4)).isEqualTo(1);
        }
    }

    @Test
    void manyCallersAtOnceAllFinishOnABusyPool() throws Exception {
        try (WorkerPool pool = new WorkerPool(2)) {
            ExecutorService callers = Executors.newFixedThreadPool(6);
            try {
                List<Future<AtomicIntegerArray>> calls = new ArrayList<>();
                for (int c = 0; c < 24; c++) {
                    calls.add(callers.submit(() -> {
                        AtomicIntegerArray runs = new AtomicIntegerArray(16);
                        List<Runnable> tasks = new ArrayList<>();
                        for (int i = 0; i < 16; i++) {
                            int k = i;
                            // the workers are busy with other calls' tasks most of the time
                            tasks.add(() -> {
                                runs.incrementAndGet(k);
                                Thread.yield();
                            });
                        }
                        pool.runAll(tasks);
                        return runs;
                    }));
                }
                for (Future<AtomicIntegerArray> f : calls) {
                    AtomicIntegerArray runs = f.get();
                    for (int i = 0; i < runs.length(); i++) {
                        assertThat(runs.get(i)).isEqualTo(1);
                    }
                }
            } finally {
                callers.shutdown();
            }
        }
    }

    @Test
    void aClosedPoolRunsOnTheCaller() {
        WorkerPool pool = new WorkerPool(3);
        pool.close();
        AtomicIntegerArray runs = new AtomicIntegerArray(10);
        pool.runAll(counting(runs));
        for (int i = 0; i < 10; i++) {
            assertThat(runs.get(i)).isEqualTo(1);
        }
        assertThatThrownBy(() -> new WorkerPool(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
