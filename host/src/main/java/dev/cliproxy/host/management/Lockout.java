package dev.cliproxy.host.management;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locks out a caller address after repeated wrong management keys (the Go anchor: 5 failures, 30 minutes), so
 * the key cannot be guessed by brute force. A correct key clears the count; addresses idle for two hours are
 * forgotten.
 */
final class Lockout {

    private static final Logger LOG = LoggerFactory.getLogger(Lockout.class);

    /** Failures in a row that lock an address out. */
    static final int MAX_FAILURES = 5;
    /** How long a lockout lasts. */
    static final Duration DURATION = Duration.ofMinutes(30);

    private record Entry(int failures, Instant until) {
    }

    private final Clock clock;
    private final Cache<String, Entry> entries = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(2)).maximumSize(10_000).build();

    Lockout(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code address} stays locked out, when it is. */
    Optional<Duration> remaining(String address) {
        Entry e = entries.getIfPresent(address);
        if (e == null || e.until() == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), e.until());
        return left.isPositive() ? Optional.of(left) : Optional.empty();
    }

    /** Counts a wrong key from {@code address}; the fifth in a row locks it out. */
    void failed(String address) {
        Entry e = entries.asMap().compute(address, (a, old) -> {
            int failures = (old == null || old.until() != null ? 0 : old.failures()) + 1;
            return failures >= MAX_FAILURES ? new Entry(0, clock.instant().plus(DURATION)) : new Entry(failures, null);
        });
        if (e.until() != null) {
            LOG.warn("Management API: {} locked out for {} minutes after {} wrong keys in a row", address,
                    DURATION.toMinutes(), MAX_FAILURES);
        }
    }

    /** A correct key from {@code address}: its count starts again. */
    void succeeded(String address) {
        entries.invalidate(address);
    }

    /** {@code 29m58s}, as Go prints durations. */
    static String format(Duration d) {
        long s = Math.max(1, (d.toMillis() + 999) / 1000);
        StringBuilder out = new StringBuilder();
        if (s >= 3600) {
            out.append(s / 3600).append('h');
        }
        if (s >= 60) {
            out.append(s % 3600 / 60).append('m');
        }
        return out.append(s % 60).append('s').toString();
    }
}
