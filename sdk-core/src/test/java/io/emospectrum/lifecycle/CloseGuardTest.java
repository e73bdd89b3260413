package io.emospectrum.lifecycle;

import io.emospectrum.error.ExtractorClosedException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloseGuardTest {

    @Test
    void closeWaitsForTheCallInFlightBeforeFreeing() throws Exception {
        AtomicInteger freed = new AtomicInteger();
        CloseGuard guard = new CloseGuard("thing", freed::incrementAndGet);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger freedSeenByCall = new AtomicInteger(-1);
        Thread caller = new Thread(() -> {
            try (CloseGuard.Call c = guard.enter()) {
                inside.countDown();
                finish.await();
                freedSeenByCall.set(freed.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        caller.start();
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        Thread closer = new Thread(guard::close);
        closer.start();
        // new calls are refused as soon as close has begun, while the old one still runs
        while (!guard.isClosed()) {
            Thread.onSpinWait();
        }
        assertThatThrownBy(guard::enter).isInstanceOf(ExtractorClosedException.class).hasMessageContaining("thing is closed");
        assertThat(freed.get()).isZero();
        finish.countDown();
        closer.join(10_000);
        caller.join(10_000);
        assertThat(freedSeenByCall.get()).as("resources freed while the call ran").isZero();
        assertThat(freed.get()).isEqualTo(1);
        guard.close();
        assertThat(freed.get()).as("a second close frees nothing").isEqualTo(1);
    }

    @Test
    void closeFromInsideACallFreesWhenThatCallReturns() {
        AtomicInteger freed = new AtomicInteger();
        CloseGuard guard = new CloseGuard("stream", freed::incrementAndGet);
        try (CloseGuard.Call outer = guard.enter()) {
            try (CloseGuard.Call inner = guard.enter()) {
                guard.close(); // e.g. a listener closing its extractor: must not wait for itself
                assertThat(freed.get()).isZero();
            }
            assertThat(freed.get()).isZero();
        }
        assertThat(freed.get()).isEqualTo(1);
        assertThatThrownBy(() -> guard.call(() -> 1)).isInstanceOf(ExtractorClosedException.class);
    }

    @Test
    void closeWithNoCallFreesAtOnce() {
        AtomicInteger freed = new AtomicInteger();
        CloseGuard guard = new CloseGuard("thing", freed::incrementAndGet);
        assertThat(guard.call(() -> 42)).isEqualTo(42);
        guard.close();
        assertThat(freed.get()).isEqualTo(1);
        assertThatThrownBy(guard::checkOpen).isInstanceOf(ExtractorClosedException.class);
    }
}
