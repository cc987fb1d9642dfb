package dev.cliproxy.host.routing;

import dev.cliproxy.host.upstream.Cancellation;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How the failover loop waits for a cooldown to end before another round: in real time in the server
 * ({@link #REAL}), by moving the test clock in tests, so that no test depends on wall-clock time.
 */
@FunctionalInterface
public interface CooldownWait {

    /** Blocks the request's thread for {@code wait}, or until the client leaves. */
    CooldownWait REAL = (wait, cancellation) -> {
        CountDownLatch cancelled = new CountDownLatch(1);
        cancellation.onCancel(cancelled::countDown);
        try {
            return !cancelled.await(wait.toNanos() + 1_000_000, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    };

    /**
     * Waits {@code wait}; returns false when the client left (or the thread was interrupted) before it was over.
     */
    boolean await(Duration wait, Cancellation cancellation);
}
