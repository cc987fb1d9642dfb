package dev.cliproxy.host.routing;

import dev.cliproxy.host.config.ProxyConfig;
import dev.cliproxy.host.upstream.UpstreamException;
import java.time.Duration;

/**
 * How long a failure benches a credential: bad credentials long, quota until the upstream's reset time or else an
 * exponential backoff (both capped), transient errors briefly. Built from the live config for every request.
 *
 * @param auth           cooldown after 401/403
 * @param transientError cooldown after 408/5xx/connection errors ({@link Duration#ZERO} for none)
 * @param quotaBase      first backoff step after a 429 without a reset time; doubles per consecutive 429
 * @param quotaCap       the longest any quota cooldown may last, whatever the upstream says
 * @param disabled       {@code disable-cooling}: failures are recorded but bench nothing
 */
public record CooldownPolicy(Duration auth, Duration transientError, Duration quotaBase, Duration quotaCap,
                             boolean disabled) {

    /** 30 min for bad credentials, 60 s for transient errors, 1 s doubling up to 30 min for quota. */
    public static final CooldownPolicy DEFAULT = new CooldownPolicy(Duration.ofMinutes(30), Duration.ofSeconds(60),
            Duration.ofSeconds(1), Duration.ofMinutes(30), false);

    /** The policy of {@code config}. */
    public static CooldownPolicy of(ProxyConfig config) {
        ProxyConfig.Failover f = config.failover();
        return new CooldownPolicy(DEFAULT.auth,
                Duration.ofSeconds(Math.max(0, f.transientErrorCooldownSeconds())), DEFAULT.quotaBase,
                Duration.ofSeconds(f.quotaCooldownCapSeconds()), f.disableCooling());
    }

    /** The cooldown for failure {@code e}, the {@code level}-th (from 0) consecutive quota failure. */
    public Duration durationFor(UpstreamException e, int level) {
        if (disabled) {
            return Duration.ZERO;
        }
        return switch (e.kind()) {
            case AUTH -> auth;
            case QUOTA -> {
                Duration d = e.retryAfter() != null && !e.retryAfter().isNegative()
                        ? e.retryAfter()
                        : quotaBase.multipliedBy(1L << Math.min(level, 30));
                yield d.compareTo(quotaCap) > 0 ? quotaCap : d;
            }
            case TRANSIENT -> transientError;
            case CLIENT, CANCELLED -> Duration.ZERO;
        };
    }
}
