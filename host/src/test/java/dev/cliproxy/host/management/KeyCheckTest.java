package dev.cliproxy.host.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.host.config.ManagementKeyHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The key verifier (bcrypt, remembered briefly) and the lockout, without a server. */
class KeyCheckTest {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    @Test
    void verifiesHashedAndPlaintextKeys() {
        KeyVerifier v = new KeyVerifier(Duration.ofMinutes(1));
        String hash = ManagementKeyHash.hash("right");
        assertTrue(v.matches("right", hash));
        assertTrue(v.matches("right", hash), "remembered");
        assertFalse(v.matches("wrong", hash));
        assertTrue(v.matches("plain", "plain"));
        assertFalse(v.matches("plain2", "plain"));
        assertFalse(v.matches("x".repeat(2000), "x".repeat(2000)), "absurdly long keys are refused unchecked");
    }

    @Test
    void aRememberedKeyStopsWorkingWhenTheConfiguredKeyChanges() {
        KeyVerifier v = new KeyVerifier(Duration.ofMinutes(1));
        String first = ManagementKeyHash.hash("old");
        assertTrue(v.matches("old", first));
        String second = ManagementKeyHash.hash("new");
        assertFalse(v.matches("old", second));
        assertTrue(v.matches("new", second));
    }

    @Test
    void hashesOfOtherBcryptVersionsVerify() {
        String hash2a = ManagementKeyHash.hash("k");
        assertTrue(ManagementKeyHash.isHash(hash2a));
        assertTrue(ManagementKeyHash.verify("k", "$2b$" + hash2a.substring(4)));
        assertTrue(ManagementKeyHash.verify("k", "$2y$" + hash2a.substring(4)));
        assertFalse(ManagementKeyHash.verify("k", "$2a$10$not-a-real-hash"));
        assertFalse(ManagementKeyHash.isHash("$2a$short"));
    }

    @Test
    void fiveWrongKeysLockAnAddressOutForThirtyMinutes() {
        TestClock clock = new TestClock();
        Lockout lockout = new Lockout(clock);
        for (int i = 0; i < 4; i++) {
            lockout.failed("10.0.0.1");
        }
        assertEquals(Optional.empty(), lockout.remaining("10.0.0.1"));
        lockout.failed("10.0.0.1");
        assertEquals(Optional.of(Duration.ofMinutes(30)), lockout.remaining("10.0.0.1"));
        assertEquals(Optional.empty(), lockout.remaining("10.0.0.2"), "other addresses are not affected");
        clock.advance(Duration.ofSeconds(2));
        assertEquals("29m58s", Lockout.format(lockout.remaining("10.0.0.1").orElseThrow()));
        clock.advance(Duration.ofMinutes(30));
        assertEquals(Optional.empty(), lockout.remaining("10.0.0.1"));
        lockout.failed("10.0.0.1");
        assertEquals(Optional.empty(), lockout.remaining("10.0.0.1"), "the count starts again after a lockout");
    }

    @Test
    void aCorrectKeyClearsTheCount() {
        Lockout lockout = new Lockout(new TestClock());
        for (int i = 0; i < 4; i++) {
            lockout.failed("a");
        }
        lockout.succeeded("a");
        lockout.failed("a");
        assertEquals(Optional.empty(), lockout.remaining("a"));
    }

    @Test
    void durationsPrintLikeGo() {
        assertEquals("30m0s", Lockout.format(Duration.ofMinutes(30)));
        assertEquals("1h0m5s", Lockout.format(Duration.ofSeconds(3605)));
        assertEquals("1s", Lockout.format(Duration.ofMillis(200)));
    }
}
