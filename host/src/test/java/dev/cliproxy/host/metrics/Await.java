package dev.cliproxy.host.metrics;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls with a deadline. The pipeline reports a request to its listeners just after the answer has gone out, so a
 * test that reads metrics, logs or usage right after its response must wait for them. Sleeps 2 ms between probes
 * rather than spinning a core the server under test needs.
 */
public final class Await {

    private static final long POLL_NANOS = Duration.ofMillis(2).toNanos();

    private Await() {
    }

    /** The first value of {@code probe} that satisfies {@code done}, or the last one after 10 s. */
    public static <T> T until(Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        T value = probe.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL_NANOS);
            value = probe.get();
        }
        return value;
    }
}
