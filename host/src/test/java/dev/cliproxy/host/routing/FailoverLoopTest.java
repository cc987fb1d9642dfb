package dev.cliproxy.host.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.api.FailureKind;
import dev.cliproxy.host.testing.MutableClock;
import dev.cliproxy.host.upstream.Cancellation;
import dev.cliproxy.host.upstream.UpstreamException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The failover loop's rules, with candidates whose attempts the test scripts. */
class FailoverLoopTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CooldownTracker tracker = new CooldownTracker(clock);
    private final List<String> attempts = new ArrayList<>();

    private static UpstreamException status(int status) {
        return new UpstreamException(status, ("{\"error\":{\"message\":\"status " + status + "\"}}").getBytes(),
                FailureKind.forStatus(status), status == 429 ? Duration.ofSeconds(30) : null, false, "x");
    }

    private FailoverLoop loop(RetryPolicy retry, Clock loopClock, Cancellation cancellation) {
        return new FailoverLoop(Scheduler.forStrategy("fill-first"), tracker, loopClock, retry,
                CooldownPolicy.DEFAULT, cancellation, FailoverLoop.Listener.NONE, CooldownWait.REAL);
    }

    private FailoverLoop loop(RetryPolicy retry) {
        return loop(retry, clock, Cancellation.NONE);
    }

    /** An attempt that answers at once: returns, or throws its failure. */
    @FunctionalInterface
    private interface Immediate<T> {
        T run(Candidate candidate, int attemptNumber);
    }

    /** Runs {@code loop} with {@code attempt} and waits for its outcome (the loop itself never blocks). */
    private static <T> T run(FailoverLoop loop, CandidatePool pool, Immediate<T> attempt) {
        try {
            return loop.run(pool, (c, n) -> CompletableFuture.completedFuture(attempt.run(c, n)), Runnable::run)
                    .toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Fails with {@code statuses[credential]} (0 = success). */
    private Immediate<String> scripted(Map<String, Integer> statuses) {
        return (c, n) -> {
            attempts.add(c.credentialId() + ":" + c.upstreamModel());
            int s = statuses.getOrDefault(c.credentialId() + ":" + c.upstreamModel(),
                    statuses.getOrDefault(c.credentialId(), 0));
            if (s != 0) {
                throw status(s);
            }
            return c.credentialId();
        };
    }

    private CandidatePool pool(FakeProvider p, String... ids) {
        List<Candidate> list = new ArrayList<>();
        for (String id : ids) {
            list.add(p.candidate(id));
        }
        return CandidatePool.of("m", list);
    }

    @Test
    void triesTheNextCredentialOnRetryableFailuresAndStopsAtAClientFault() {
        CandidatePool pool = pool(new FakeProvider(), "a", "b", "c", "d");
        assertEquals("d", run(loop(RetryPolicy.DEFAULT), pool, scripted(Map.of("a", 401, "b", 429, "c", 503))));
        assertEquals(List.of("a:up", "b:up", "c:up", "d:up"), attempts);

        attempts.clear();
        tracker.clearAll();
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> run(loop(RetryPolicy.DEFAULT), pool, scripted(Map.of("a", 400))));
        assertEquals(400, e.status());
        assertEquals(List.of("a:up"), attempts, "a client fault is never retried");
    }

    @Test
    void maxRetryCredentialsLimitsAttemptsPerRound() {
        CandidatePool pool = pool(new FakeProvider(), "a", "b", "c");
        RetryPolicy two = new RetryPolicy(0, Duration.ZERO, 2, true, true);
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> run(loop(two), pool, scripted(Map.of("a", 500, "b", 500))));
        assertEquals(500, e.status(), "c is still available, so the real error is relayed");
        assertEquals(List.of("a:up", "b:up"), attempts);
    }

    @Test
    void everyCredentialCoolingEndsWithTheEarliestReturnAndTheRealError() {
        CandidatePool pool = pool(new FakeProvider(), "a", "b");
        AllCoolingException e = assertThrows(AllCoolingException.class,
                () -> run(loop(RetryPolicy.DEFAULT), pool, scripted(Map.of("a", 429, "b", 503))));
        assertEquals(clock.instant().plusSeconds(30), e.availableAt(), "a returns after 30 s, b after 60 s");
        assertEquals(503, e.attemptFailure().status());

        attempts.clear();
        AllCoolingException again = assertThrows(AllCoolingException.class,
                () -> run(loop(RetryPolicy.DEFAULT), pool, scripted(Map.of())));
        assertTrue(attempts.isEmpty(), "nothing is tried while everything cools");
        assertNull(again.attemptFailure());
        assertEquals("status 503", again.lastFailure().message());
    }

    @Test
    void everyCredentialCoolingQuotesTheErrorOfTheRequestedModelNotAnotherOne() {
        FakeProvider p = new FakeProvider();
        CandidatePool small = CandidatePool.of("small", List.of(p.candidate("a", "small", 1, 0)));
        CandidatePool large = CandidatePool.of("large", List.of(p.candidate("a", "large", 1, 0)));
        assertThrows(AllCoolingException.class,
                () -> run(loop(RetryPolicy.DEFAULT), small, scripted(Map.of("a:small", 429))));
        clock.advance(Duration.ofSeconds(1));
        assertThrows(AllCoolingException.class,
                () -> run(loop(RetryPolicy.DEFAULT), large, scripted(Map.of("a:large", 503))));

        AllCoolingException e = assertThrows(AllCoolingException.class,
                () -> run(loop(RetryPolicy.DEFAULT), small, scripted(Map.of())));
        assertEquals("status 429", e.lastFailure().message(), "the later 503 was for another model");
    }

    @Test
    void anotherRoundWaitsForTheEarliestCooldownWithinMaxRetryInterval() {
        CandidatePool pool = pool(new FakeProvider(), "a");
        List<Duration> waited = new ArrayList<>();
        CooldownWait advanceTheClock = (wait, cancellation) -> {
            waited.add(wait);
            clock.advance(wait);
            return CompletableFuture.completedFuture(true);
        };
        UpstreamException shortQuota = new UpstreamException(429, new byte[0], FailureKind.QUOTA,
                Duration.ofMillis(150), false, "x");
        AtomicBoolean failed = new AtomicBoolean();
        Immediate<String> once = (c, n) -> {
            if (failed.compareAndSet(false, true)) {
                throw shortQuota;
            }
            return "ok after " + n;
        };
        RetryPolicy retry = new RetryPolicy(1, Duration.ofSeconds(5), 0, true, true);
        FailoverLoop l = new FailoverLoop(Scheduler.forStrategy("round-robin"), tracker, clock, retry,
                CooldownPolicy.DEFAULT, Cancellation.NONE, FailoverLoop.Listener.NONE, advanceTheClock);
        assertEquals("ok after 2", run(l, pool, once));
        assertEquals(List.of(Duration.ofMillis(150)), waited, "waited exactly for the cooldown, on the test clock");

        failed.set(false);
        tracker.clearAll();
        RetryPolicy noWait = new RetryPolicy(1, Duration.ZERO, 0, true, true);
        FailoverLoop impatient = new FailoverLoop(Scheduler.forStrategy("round-robin"), tracker, clock, noWait,
                CooldownPolicy.DEFAULT, Cancellation.NONE, FailoverLoop.Listener.NONE, advanceTheClock);
        assertThrows(AllCoolingException.class, () -> run(impatient, pool, once),
                "max-retry-interval 0 never waits");
    }

    @Test
    void aClientThatLeavesEndsTheWaitForACooldown() throws Exception {
        CandidatePool pool = pool(new FakeProvider(), "a");
        tracker.failed(pool.candidates().get(0), status(429), CooldownPolicy.DEFAULT);
        CopyOnWriteArrayList<Runnable> actions = new CopyOnWriteArrayList<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        Cancellation cancellation = new Cancellation() {
            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }

            @Override
            public void onCancel(Runnable action) {
                actions.add(action);
            }
        };
        RetryPolicy patient = new RetryPolicy(1, Duration.ofMinutes(5), 0, true, true);
        CountDownLatch done = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            try {
                run(loop(patient, clock, cancellation), pool, scripted(Map.of()));
            } catch (RuntimeException expected) {
                done.countDown();
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (actions.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        cancelled.set(true);
        actions.forEach(Runnable::run);
        assertTrue(done.await(5, TimeUnit.SECONDS), "the loop stops waiting when the client leaves");
        assertTrue(attempts.isEmpty());
    }

    @Test
    void switchProjectOffRelaysTheQuotaErrorInsteadOfTryingOtherCredentials() {
        CandidatePool pool = pool(new FakeProvider(), "a", "b");
        RetryPolicy stay = new RetryPolicy(0, Duration.ZERO, 0, false, true);
        AllCoolingException e = assertThrows(AllCoolingException.class,
                () -> run(loop(stay), pool, scripted(Map.of("a", 429))));
        assertEquals(429, e.attemptFailure().status(), "the client gets the upstream's 429");
        assertEquals(List.of("a:up"), attempts);

        attempts.clear();
        assertEquals("b", run(loop(stay), pool, scripted(Map.of("a", 429))),
                "a is cooling, so the next request goes to b");
    }

    @Test
    void switchPreviewModelTriesTheProvidersFallbackModelsAfterOtherCredentials() {
        FakeProvider p = new FakeProvider(Map.of("up", List.of("up-preview", "up-preview-2")));
        CandidatePool pool = pool(p, "a", "b");
        Candidate served = run(loop(RetryPolicy.DEFAULT), pool, (c, n) -> {
            attempts.add(c.credentialId() + ":" + c.upstreamModel());
            if (c.upstreamModel().equals("up") || c.upstreamModel().equals("up-preview") && c.credentialId()
                    .equals("a")) {
                throw status(429);
            }
            return c;
        });
        assertEquals(List.of("a:up", "b:up", "a:up-preview", "a:up-preview-2"), attempts);
        assertEquals("up-preview-2", served.upstreamModel());
        assertSame(pool.candidates().get(0).credential(), served.credential());

        attempts.clear();
        RetryPolicy noPreview = new RetryPolicy(0, Duration.ZERO, 0, true, false);
        tracker.clearAll();
        assertThrows(AllCoolingException.class, () -> run(loop(noPreview), pool, scripted(Map.of("a", 429, "b", 429))));
        assertEquals(List.of("a:up", "b:up"), attempts, "no fallback models when switch-preview-model is off");
    }

    @Test
    void aBugInAStepAfterAnAttemptFailsTheRunInsteadOfLeavingItPending() {
        CandidatePool pool = pool(new FakeProvider(), "a", "b");
        IllegalStateException bug = new IllegalStateException("listener bug");
        FailoverLoop l = new FailoverLoop(Scheduler.forStrategy("fill-first"), tracker, clock, RetryPolicy.DEFAULT,
                CooldownPolicy.DEFAULT, Cancellation.NONE, (failed, error) -> {
                    throw bug;
                }, CooldownWait.REAL);
        CompletableFuture<String> attempt = new CompletableFuture<>();

        CompletableFuture<String> result = l.run(pool, (c, n) -> attempt, Runnable::run).toCompletableFuture();
        attempt.completeExceptionally(status(503)); // completes later, as an upstream answer does

        CompletionException e = assertThrows(CompletionException.class, result::join);
        assertSame(bug, e.getCause());
    }
}
