package dev.cliproxy.host.routing;

import dev.cliproxy.api.UpstreamException;
import java.time.Duration;

/**
 * How long a failure benches a credential: bad credentials long, quota until the upstream's reset time (capped)
 * or an exponential backoff, transient errors briefly.
 *
 * @param auth      cooldown after 401/403
 * @param transient cooldown after 408/5xx/connection errors
 * @param quotaBase first backoff step after a 429 without a reset time
 * @param quotaCap  the longest any quota cooldown may last, whatever the upstream says
 */
public record CooldownPolicy(Duration auth, Duration transientError, Duration quotaBase, Duration quotaCap) {

    /** 30 min for bad credentials, 60 s for transient errors, 1 s doubling up to 30 min for quota. */
    public static final CooldownPolicy DEFAULT = new CooldownPolicy(Duration.ofMinutes(30), Duration.ofSeconds(60),
            Duration.ofSeconds(1), Duration.ofMinutes(30));

    /** The cooldown for failure {@code e}, the {@code level}-th consecutive one of its kind. */
    public Duration durationFor(UpstreamException e, int level) {
        return switch (e.kind()) {
            case AUTH -> auth;
            case QUOTA -> {
                Duration d = e.retryAfter() != null
                        ? e.retryAfter()
                        : quotaBase.multipliedBy(1L << Math.min(level, 20));
                yield d.compareTo(quotaCap) > 0 ? quotaCap : d;
            }
            case TRANSIENT -> transientError;
            case CLIENT, CANCELLED -> Duration.ZERO;
        };
    }
}
