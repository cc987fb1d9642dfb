package dev.cliproxy.host.routing;

import dev.cliproxy.host.upstream.Cancellation;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * How the failover loop waits for a cooldown to end before another round, without holding a thread: in real time in
 * the server ({@link #REAL}), by moving the test clock in tests, so that no test depends on wall-clock time.
 */
@FunctionalInterface
public interface CooldownWait {

    /** Completes after {@code wait} (on the JDK's delay timer), or with false as soon as the client leaves. */
    CooldownWait REAL = (wait, cancellation) -> {
        CompletableFuture<Boolean> over = new CompletableFuture<>();
        cancellation.onCancel(() -> over.complete(false));
        CompletableFuture.delayedExecutor(wait.toNanos() + 1_000_000, TimeUnit.NANOSECONDS)
                .execute(() -> over.complete(true));
        return over;
    };

    /** Completes with true once {@code wait} is over, with false when the client left before. */
    CompletionStage<Boolean> await(Duration wait, Cancellation cancellation);
}
