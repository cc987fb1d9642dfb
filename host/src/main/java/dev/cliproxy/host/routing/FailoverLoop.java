package dev.cliproxy.host.routing;

import dev.cliproxy.api.FailureKind;
import dev.cliproxy.host.upstream.Cancellation;
import dev.cliproxy.host.upstream.UpstreamException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs one client request against a model's pool until an attempt succeeds. On a retryable failure (bad credential,
 * quota, transient) it benches that credential and tries the next eligible one; once a round has tried every
 * eligible candidate (or {@code max-retry-credentials} of them) it may start another round ({@code request-retry}),
 * waiting for the earliest cooldown to end only up to {@code max-retry-interval}. Client faults and cancellations
 * end the loop at once. One instance per request; not thread-safe.
 */
public final class FailoverLoop {

    /** One attempt with one candidate; throws {@link UpstreamException} on failure. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(Candidate candidate, int attemptNumber);
    }

    /** Observes attempts (metrics, logs); called on the request's thread, must be fast and must not throw. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (failed, error) -> {
        };

        /** Attempt with {@code failed} failed with a retryable {@code error}; another candidate may follow. */
        void retrying(Candidate failed, UpstreamException error);
    }

    private final Scheduler scheduler;
    private final CooldownTracker cooldowns;
    private final Clock clock;
    private final RetryPolicy retry;
    private final CooldownPolicy cooling;
    private final Cancellation cancellation;
    private final Listener listener;
    private final CooldownWait waiting;
    private final List<Candidate> tried = new ArrayList<>(4);
    private final List<Candidate> quotaFailed = new ArrayList<>(2);
    private String pinnedCredential;

    public FailoverLoop(Scheduler scheduler, CooldownTracker cooldowns, Clock clock, RetryPolicy retry,
                        CooldownPolicy cooling, Cancellation cancellation, Listener listener, CooldownWait waiting) {
        this.scheduler = scheduler;
        this.cooldowns = cooldowns;
        this.clock = clock;
        this.retry = retry;
        this.cooling = cooling;
        this.cancellation = cancellation;
        this.listener = listener;
        this.waiting = waiting;
    }

    /**
     * Runs {@code attempt} until it succeeds.
     *
     * @throws UpstreamException   a client fault, a cancellation, or the last upstream failure when candidates
     *                             remain available but the retry budget is spent
     * @throws AllCoolingException when every candidate is cooling down (before or after this request's attempts)
     */
    public <T> T run(CandidatePool pool, Attempt<T> attempt) {
        UpstreamException last = null;
        int attempts = 0;
        for (int round = 0; ; round++) {
            tried.clear();
            int inRound = 0;
            Candidate c;
            while ((retry.maxPerRound() == 0 || inRound < retry.maxPerRound()) && (c = next(pool)) != null) {
                tried.add(c);
                inRound++;
                if (cancellation.isCancelled()) {
                    throw UpstreamException.cancelled();
                }
                try {
                    T result = attempt.run(c, ++attempts);
                    cooldowns.succeeded(c);
                    scheduler.served(pool, c);
                    return result;
                } catch (UpstreamException e) {
                    if (!e.kind().retryable()) {
                        throw e;
                    }
                    last = e;
                    failed(c, e);
                }
            }
            if (round >= retry.extraRounds() || !awaitNextRound(pool)) {
                break;
            }
        }
        Instant earliest = earliestEnd(pool);
        if (earliest == null && last != null) {
            throw last;
        }
        throw new AllCoolingException(pool.model(), earliest, lastFailure(pool), last);
    }

    private void failed(Candidate c, UpstreamException e) {
        cooldowns.failed(c, e, cooling);
        listener.retrying(c, e);
        if (e.kind() == FailureKind.QUOTA) {
            quotaFailed.add(c);
            if (!retry.switchProject()) {
                pinnedCredential = c.credentialId();
            }
        }
    }

    private Candidate next(CandidatePool pool) {
        Predicate<Candidate> eligible = x -> allowed(x) && !wasTried(x) && cooldowns.available(x);
        Candidate c = scheduler.pick(pool, eligible);
        return c != null || !retry.switchPreviewModel() ? c
                : QuotaFallbacks.next(pool, cooldowns, quotaFailed, this::allowed, eligible);
    }

    private boolean allowed(Candidate c) {
        return pinnedCredential == null || pinnedCredential.equals(c.credentialId());
    }

    private boolean wasTried(Candidate c) {
        for (Candidate t : tried) {
            if (t.credential() == c.credential() && t.upstreamModel().equals(c.upstreamModel())) {
                return true;
            }
        }
        return false;
    }

    /** Waits for the earliest cooldown if it ends within {@code max-retry-interval}; false to give up. */
    private boolean awaitNextRound(CandidatePool pool) {
        Instant earliest = earliestEnd(pool);
        if (earliest == null) {
            return true;
        }
        Duration wait = Duration.between(clock.instant(), earliest);
        if (wait.isNegative() || wait.isZero()) {
            return true;
        }
        if (wait.compareTo(retry.maxWait()) > 0) {
            return false;
        }
        return waiting.await(wait, cancellation);
    }

    /** The earliest instant a candidate becomes available again, or {@code null} when one already is. */
    private Instant earliestEnd(CandidatePool pool) {
        Instant earliest = null;
        for (Candidate c : pool.candidates()) {
            if (!allowed(c)) {
                continue;
            }
            Instant until = cooldowns.coolingUntil(c);
            if (until == null) {
                return null;
            }
            if (earliest == null || until.isBefore(earliest)) {
                earliest = until;
            }
        }
        return earliest;
    }

    /** The most recent failure behind the cooldowns that bench this pool's (credential, model) pairs. */
    private RememberedFailure lastFailure(CandidatePool pool) {
        RememberedFailure latest = null;
        for (Candidate c : pool.candidates()) {
            CooldownTracker.Cooldown cd = cooldowns.activeCooldown(c);
            RememberedFailure f = cd == null ? null : cd.failure();
            if (f != null && (latest == null || !f.at().isBefore(latest.at()))) {
                latest = f;
            }
        }
        return latest;
    }
}
