package io.emospectrum.conformance;

import io.emospectrum.error.ExtractorClosedException;
import io.emospectrum.spi.EmotionExtractor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lifecycle every modality's kit shares: the extractor under test is created once per test
 * class (models are slow to load) and closed after its last test; and closing an extractor that
 * other threads are calling must never reach freed native memory.
 *
 * @param <E> the kind of extractor
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ExtractorConformanceKit<E extends EmotionExtractor> {
    /** Rounds of the close race ({@code -Demospectrum.stress.rounds=20} for a longer local run). */
    static final int CLOSE_RACE_ROUNDS = Integer.getInteger("emospectrum.stress.rounds", 2);
    static final int CLOSE_RACE_THREADS = 8;

    protected E extractor;

    /** Creates the extractor under test (called once, and again by the close-race test). */
    protected abstract E createExtractor();

    /** One ordinary call of the extractor that runs its model (what the close race hammers). */
    protected abstract void exercise(E e);

    @BeforeAll
    void createOnce() {
        extractor = createExtractor();
    }

    @AfterAll
    void closeOnce() {
        if (extractor != null) {
            extractor.close();
        }
    }

    /**
     * Eight threads call one extractor in a loop while another closes it: every call either
     * completes or fails with {@link ExtractorClosedException}, later calls fail with it, and the
     * JVM survives (a use-after-free in native code kills the test fork, which fails the build).
     */
    @Test
    void closeWhileCallsAreInFlightFailsCallsWithTheTypedException() throws Exception {
        for (int round = 0; round < CLOSE_RACE_ROUNDS; round++) {
            E shared = createExtractor();
            ExecutorService pool = Executors.newFixedThreadPool(CLOSE_RACE_THREADS);
            try {
                CountDownLatch warm = new CountDownLatch(CLOSE_RACE_THREADS);
                List<Future<Throwable>> callers = new ArrayList<>();
                for (int t = 0; t < CLOSE_RACE_THREADS; t++) {
                    callers.add(pool.submit(() -> {
                        boolean first = true;
                        try {
                            while (true) {
                                exercise(shared);
                                if (first) {
                                    warm.countDown();
                                    first = false;
                                }
                            }
                        } catch (ExtractorClosedException expected) {
                            return null;
                        } catch (Throwable unexpected) {
                            return unexpected;
                        } finally {
                            if (first) {
                                warm.countDown();
                            }
                        }
                    }));
                }
                assertThat(warm.await(120, TimeUnit.SECONDS)).as("every caller completed a call before the close").isTrue();
                shared.close(); // while the callers are inside their next calls
                for (Future<Throwable> f : callers) {
                    assertThat(f.get(120, TimeUnit.SECONDS)).as("what a caller saw besides ExtractorClosedException").isNull();
                }
                assertThatThrownBy(() -> exercise(shared)).isInstanceOf(ExtractorClosedException.class);
                shared.close(); // a second close is harmless
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
