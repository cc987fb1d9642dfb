package dev.cliproxy.host.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.api.FailureKind;
import dev.cliproxy.host.testing.MutableClock;
import dev.cliproxy.host.upstream.UpstreamException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CooldownTrackerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CooldownTracker tracker = new CooldownTracker(clock);
    private final FakeProvider provider = new FakeProvider();
    private final Candidate a = provider.candidate("a", "model-1", 1, 0);
    private final Candidate aOther = provider.candidate("a", "model-2", 1, 0);

    private static UpstreamException failure(int status, Duration retryAfter, boolean whole) {
        byte[] body = ("{\"error\":{\"message\":\"upstream says " + status + "\"}}").getBytes(StandardCharsets.UTF_8);
        return new UpstreamException(status, body, FailureKind.forStatus(status), retryAfter, whole, "failed");
    }

    @Test
    void quotaCooldownFollowsRetryAfterButNeverExceedsTheCap() {
        CooldownPolicy policy = new CooldownPolicy(Duration.ofMinutes(30), Duration.ofSeconds(60),
                Duration.ofSeconds(1), Duration.ofMinutes(30), false);
        tracker.failed(a, failure(429, Duration.ofSeconds(42), false), policy);
        assertEquals(clock.instant().plusSeconds(42), tracker.coolingUntil(a));

        tracker.failed(a, failure(429, Duration.ofDays(3), false), policy);
        assertEquals(clock.instant().plus(Duration.ofMinutes(30)), tracker.coolingUntil(a),
                "a bogus reset three days away is capped at 30 minutes");
    }

    @Test
    void quotaWithoutResetBacksOffExponentiallyAndSuccessResetsIt() {
        CooldownPolicy policy = CooldownPolicy.DEFAULT;
        List<Long> seconds = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tracker.failed(a, failure(429, null, false), policy);
            seconds.add(Duration.between(clock.instant(), tracker.coolingUntil(a)).toSeconds());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L), seconds);
        tracker.succeeded(a);
        tracker.failed(a, failure(429, null, false), policy);
        assertEquals(1, Duration.between(clock.instant(), tracker.coolingUntil(a)).toSeconds());
    }

    @Test
    void cooldownsArePerModelUnlessTheUpstreamSaysTheWholeCredential() {
        tracker.failed(a, failure(429, Duration.ofSeconds(10), false), CooldownPolicy.DEFAULT);
        assertFalse(tracker.available(a));
        assertTrue(tracker.available(aOther), "another model of the same key is unaffected");

        tracker.failed(aOther, failure(429, Duration.ofSeconds(20), true), CooldownPolicy.DEFAULT);
        assertFalse(tracker.available(provider.candidate("a", "model-3", 1, 0)), "credential-wide quota");
        clock.advance(Duration.ofSeconds(21));
        assertTrue(tracker.available(a));
        assertTrue(tracker.available(aOther));
    }

    @Test
    void transientAuthAndClientFailuresCoolAsConfigured() {
        CooldownPolicy policy = new CooldownPolicy(Duration.ofMinutes(30), Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofMinutes(30), false);
        tracker.failed(a, failure(503, null, false), policy);
        assertEquals(clock.instant().plusSeconds(5), tracker.coolingUntil(a));
        tracker.failed(aOther, failure(401, null, false), policy);
        assertEquals(clock.instant().plus(Duration.ofMinutes(30)), tracker.coolingUntil(aOther));

        Candidate b = provider.candidate("b");
        tracker.failed(b, failure(400, null, false), policy);
        assertTrue(tracker.available(b), "a client fault is not the credential's fault");
        assertNull(tracker.lastFailure("b"));
    }

    @Test
    void disabledCoolingRecordsTheFailureButBenchesNothing() {
        CooldownPolicy off = new CooldownPolicy(Duration.ofMinutes(30), Duration.ofSeconds(60),
                Duration.ofSeconds(1), Duration.ofMinutes(30), true);
        tracker.failed(a, failure(429, Duration.ofSeconds(30), false), off);
        assertTrue(tracker.available(a));
        assertEquals(429, tracker.lastFailure("a").status());
        assertEquals("upstream says 429", tracker.lastFailure("a").message());
    }

    @Test
    void resetClearsOneCredentialOrAllAndRetainForgetsRemovedCredentials() {
        Candidate b = provider.candidate("b");
        tracker.failed(a, failure(429, Duration.ofSeconds(30), false), CooldownPolicy.DEFAULT);
        tracker.failed(aOther, failure(500, null, false), CooldownPolicy.DEFAULT);
        tracker.failed(b, failure(500, null, false), CooldownPolicy.DEFAULT);

        assertEquals(Set.of("model-1", "model-2"), tracker.clear("a"));
        assertTrue(tracker.available(a) && tracker.available(aOther));
        assertFalse(tracker.available(b));
        assertEquals(1, tracker.clearAll());
        assertTrue(tracker.available(b));

        tracker.retain(List.of("a"));
        assertNull(tracker.lastFailure("b"), "state of a credential that left the config is dropped");
        assertEquals(500, tracker.lastFailure("a").status());
    }

    @Test
    void neverKeepsTheCredentialSecretInTheRecordedMessage() {
        String secret = a.credential().secret();
        byte[] body = ("{\"error\":{\"message\":\"Incorrect API key provided: " + secret + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        tracker.failed(a, new UpstreamException(401, body, FailureKind.AUTH, null, false, "x"), CooldownPolicy.DEFAULT);
        String message = tracker.lastFailure("a").message();
        assertFalse(message.contains(secret), message);
        assertTrue(message.contains(a.credential().maskedSecret()), message);
    }
}
