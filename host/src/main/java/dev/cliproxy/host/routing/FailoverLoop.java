package dev.cliproxy.host.routing;

import dev.cliproxy.api.UpstreamException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs one client request against a model's candidates until one succeeds: on a retryable failure it benches the
 * credential and tries the next eligible one; after a round over every credential it may start another round
 * ({@code request-retry}), waiting for the earliest cooldown only up to {@code max-retry-interval}. Client faults
 * and cancellations end the loop at once.
 */
public final class FailoverLoop {

    /** One attempt with one candidate; throws {@link UpstreamException} on failure. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(Candidate candidate, int attemptNumber);
    }

    /** Observes attempts (metrics, logs). */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void retrying(Candidate failed, UpstreamException error) {
        }
    }

    private final Scheduler scheduler;
    private final CooldownTracker cooldowns;
    private final Clock clock;
    private final int extraRounds;
    private final Duration maxWait;
    private final Listener listener;

    public FailoverLoop(Scheduler scheduler, CooldownTracker cooldowns, Clock clock, int extraRounds,
                        Duration maxWait, Listener listener) {
        this.scheduler = scheduler;
        this.cooldowns = cooldowns;
        this.clock = clock;
        this.extraRounds = extraRounds;
        this.maxWait = maxWait;
        this.listener = listener;
    }

    /**
     * Runs {@code attempt} until it succeeds.
     *
     * @throws UpstreamException      the last upstream failure, when every attempt failed
     * @throws AllCoolingException    when no credential could be tried at all
     */
    public <T> T run(String model, List<Candidate> candidates, Attempt<T> attempt) {
        UpstreamException last = null;
        int attempts = 0;
        for (int round = 0; round <= extraRounds; round++) {
            Set<Candidate> tried = new HashSet<>();
            while (true) {
                Candidate c = scheduler.pick(model, candidates,
                        x -> !tried.contains(x) && cooldowns.available(x, x.upstreamModel()));
                if (c == null) {
                    break;
                }
                tried.add(c);
                try {
                    T result = attempt.run(c, ++attempts);
                    cooldowns.succeeded(c, c.upstreamModel());
                    return result;
                } catch (UpstreamException e) {
                    if (!e.kind().retryable()) {
                        throw e;
                    }
                    cooldowns.failed(c, c.upstreamModel(), e);
                    listener.retrying(c, e);
                    last = e;
                }
            }
            if (round == extraRounds || !waitForEarliest(candidates)) {
                break;
            }
        }
        if (last != null) {
            throw last;
        }
        throw new AllCoolingException(model, earliestEnd(candidates), lastRecordedError(candidates));
    }

    private boolean waitForEarliest(List<Candidate> candidates) {
        Instant earliest = earliestEnd(candidates);
        if (earliest == null) {
            return true;
        }
        Duration wait = Duration.between(clock.instant(), earliest);
        if (wait.isNegative() || wait.isZero()) {
            return true;
        }
        if (wait.compareTo(maxWait) > 0) {
            return false;
        }
        try {
            Thread.sleep(wait.toMillis() + 1);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The earliest instant any candidate becomes available again, or {@code null} when one already is. */
    public Instant earliestEnd(List<Candidate> candidates) {
        Instant earliest = null;
        for (Candidate c : candidates) {
            Instant until = cooldowns.coolingUntil(c, c.upstreamModel());
            if (until == null) {
                return null;
            }
            if (earliest == null || until.isBefore(earliest)) {
                earliest = until;
            }
        }
        return earliest;
    }

    private String lastRecordedError(List<Candidate> candidates) {
        for (Candidate c : candidates) {
            CooldownTracker.Cooldown cd = cooldowns.last(c, c.upstreamModel());
            if (cd != null && cd.lastError() != null) {
                return cd.lastError();
            }
        }
        return null;
    }
}
