package dev.cliproxy.host.routing;

import dev.cliproxy.api.FailureKind;
import dev.cliproxy.host.upstream.Cancellation;
import dev.cliproxy.host.upstream.UpstreamException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * Runs one client request against a model's pool until an attempt succeeds. On a retryable failure (bad credential,
 * quota, transient) it benches that credential and tries the next eligible one; once a round has tried every
 * eligible candidate (or {@code max-retry-credentials} of them) it may start another round ({@code request-retry}),
 * waiting for the earliest cooldown to end only up to {@code max-retry-interval}. Client faults and cancellations
 * end the loop at once. One instance per request; its steps run one at a time (on the client exchange's I/O thread
 * in the server), never concurrently.
 */
public final class FailoverLoop {

    /** One attempt with one candidate; its stage fails with {@link UpstreamException} on failure. */
    @FunctionalInterface
    public interface Attempt<T> {
        CompletionStage<T> run(Candidate candidate, int attemptNumber);
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
     * Runs {@code attempt} until it succeeds, without blocking: each attempt starts when the one before has failed,
     * and a wait for a cooldown holds no thread. Work after a wait continues on {@code resume}.
     *
     * @return the first successful attempt's result; or failed with {@link UpstreamException} (a client fault, a
     *         cancellation, or the last upstream failure when candidates remain available but the retry budget is
     *         spent) or {@link AllCoolingException} (every candidate is cooling down, before or after this request's
     *         attempts)
     */
    public <T> CompletionStage<T> run(CandidatePool pool, Attempt<T> attempt, Executor resume) {
        Run<T> run = new Run<>(pool, attempt, resume);
        run.guarded(run::next);
        return run.result;
    }

    /** The state of one {@link #run}: the round, the attempts so far, the last retryable failure. */
    private final class Run<T> {
        private final CandidatePool pool;
        private final Attempt<T> attempt;
        private final Executor resume;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private int round;
        private int inRound;
        private int attempts;
        private UpstreamException last;

        Run(CandidatePool pool, Attempt<T> attempt, Executor resume) {
            this.pool = pool;
            this.attempt = attempt;
            this.resume = resume;
        }

        /** Starts the next attempt, waits for a cooldown, or gives up. */
        void next() {
            while (true) {
                Candidate c = retry.maxPerRound() == 0 || inRound < retry.maxPerRound() ? FailoverLoop.this.next(pool)
                        : null;
                if (c != null) {
                    start(c);
                    return;
                }
                if (round >= retry.extraRounds()) {
                    giveUp();
                    return;
                }
                Duration wait = untilNextRound(pool);
                if (wait == null) {
                    giveUp();
                    return;
                }
                if (!wait.isZero()) {
                    waiting.await(wait, cancellation).whenCompleteAsync((over, error) -> guarded(() -> {
                        if (Boolean.TRUE.equals(over)) {
                            nextRound();
                            next();
                        } else {
                            giveUp();
                        }
                    }), resume);
                    return;
                }
                nextRound();
            }
        }

        private void nextRound() {
            round++;
            inRound = 0;
            tried.clear();
        }

        private void start(Candidate c) {
            tried.add(c);
            inRound++;
            if (cancellation.isCancelled()) {
                result.completeExceptionally(UpstreamException.cancelled());
                return;
            }
            CompletionStage<T> stage;
            try {
                stage = attempt.run(c, ++attempts);
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((value, error) -> guarded(() -> settled(c, value, error)));
        }

        /** Runs a step; a bug in it fails the run instead of vanishing inside a completion callback. */
        private void guarded(Runnable step) {
            try {
                step.run();
            } catch (RuntimeException bug) {
                result.completeExceptionally(bug);
            }
        }

        private void settled(Candidate c, T value, Throwable error) {
            Throwable e = error instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : error;
            if (e == null) {
                cooldowns.succeeded(c);
                scheduler.served(pool, c);
                result.complete(value);
            } else if (e instanceof UpstreamException u && u.kind().retryable()) {
                last = u;
                failed(c, u);
                next();
            } else {
                result.completeExceptionally(e);
            }
        }

        private void giveUp() {
            if (cancellation.isCancelled()) {
                result.completeExceptionally(UpstreamException.cancelled());
                return;
            }
            Instant earliest = earliestEnd(pool);
            result.completeExceptionally(earliest == null && last != null ? last
                    : new AllCoolingException(pool.model(), earliest, lastFailure(pool), last));
        }
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

    /**
     * How long until another round can start: zero when a candidate is available already, {@code null} to give up
     * (the earliest cooldown ends after {@code max-retry-interval}).
     */
    private Duration untilNextRound(CandidatePool pool) {
        Instant earliest = earliestEnd(pool);
        if (earliest == null) {
            return Duration.ZERO;
        }
        Duration wait = Duration.between(clock.instant(), earliest);
        if (wait.isNegative() || wait.isZero()) {
            return Duration.ZERO;
        }
        return wait.compareTo(retry.maxWait()) > 0 ? null : wait;
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
