package io.emospectrum.server.call;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The open calls, at most {@code maxCalls} of them. Thread-safe. */
public final class CallRegistry {
    private final int maxCalls;
    private final AtomicInteger count = new AtomicInteger();
    private final Set<CallEndpoint> open = ConcurrentHashMap.newKeySet();
    private volatile boolean accepting = true;

    public CallRegistry(int maxCalls) {
        this.maxCalls = maxCalls;
    }

    /** Adds the call unless the server is full or shutting down. */
    boolean register(CallEndpoint call) {
        while (accepting) {
            int n = count.get();
            if (n >= maxCalls) {
                return false;
            }
            if (count.compareAndSet(n, n + 1)) {
                open.add(call);
                return true;
            }
        }
        return false;
    }

    /** Whether new calls are taken (false once shutdown began). */
    public boolean accepting() {
        return accepting;
    }

    /** Refuses every new call from now on. */
    public void stopAccepting() {
        accepting = false;
    }

    void unregister(CallEndpoint call) {
        if (open.remove(call)) {
            count.decrementAndGet();
            synchronized (this) {
                notifyAll();
            }
        }
    }

    public int size() {
        return count.get();
    }

    public int maxCalls() {
        return maxCalls;
    }

    public List<CallEndpoint> snapshot() {
        return List.copyOf(open);
    }

    /** Waits until no call is open, or the time is up; returns whether all are closed. */
    public boolean awaitEmpty(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (this) {
            while (count.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        return true;
    }
}
