package dev.cliproxy.host.upstream;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import okhttp3.Call;

/**
 * Cancels upstream calls whose response headers have not arrived within their time limit. One daemon thread sweeps
 * the calls in flight every {@link #SWEEP_MILLIS} ms, so a call costs an add to and a remove from a concurrent set,
 * not a timer queue insertion that wakes a timer thread (as a {@code ScheduledExecutorService} would, once per
 * request). Limits are whole seconds, so a sweep this coarse fires them at most a quarter of a second late.
 */
final class FirstByteWatchdog implements AutoCloseable {

    static final long SWEEP_MILLIS = 250;

    private final Set<Watch> inFlight = ConcurrentHashMap.newKeySet();
    private final Thread sweeper;
    private volatile boolean closed;

    FirstByteWatchdog() {
        sweeper = Thread.ofPlatform().daemon().name("upstream-first-byte-watchdog").start(this::sweepUntilClosed);
    }

    /** Starts watching {@code call}; end the watch once its response headers are in (or it failed). */
    Watch watch(Call call, long limitSeconds) {
        Watch w = new Watch(call, System.nanoTime() + TimeUnit.SECONDS.toNanos(limitSeconds));
        inFlight.add(w);
        return w;
    }

    private void sweepUntilClosed() {
        while (!closed) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS));
            long now = System.nanoTime();
            for (Watch w : inFlight) {
                if (now - w.deadlineNanos >= 0 && inFlight.remove(w)) {
                    w.timedOut.set(true);
                    w.call.cancel();
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(sweeper);
    }

    /** One watched call. */
    final class Watch {
        private final Call call;
        private final long deadlineNanos;
        private final AtomicBoolean timedOut = new AtomicBoolean();

        private Watch(Call call, long deadlineNanos) {
            this.call = call;
            this.deadlineNanos = deadlineNanos;
        }

        /** Stops watching (the headers are in, or the call failed). */
        void end() {
            inFlight.remove(this);
        }

        /** Whether the watchdog cancelled the call. */
        boolean timedOut() {
            return timedOut.get();
        }
    }
}
