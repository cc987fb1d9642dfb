package dev.cliproxy.host.routing;

import dev.cliproxy.host.config.ProxyConfig;
import dev.cliproxy.host.upstream.Cancellation;
import dev.cliproxy.host.upstream.UpstreamException;
import java.time.Clock;

/**
 * The host's routing: for each request, a {@link FailoverLoop} with the live config's strategy, retry budget and
 * cooldown policy, over the shared {@link CooldownTracker}. Reads the config it is given on every call, so changes
 * applied through {@code LiveState} (file reload, management API) take effect with the next request.
 */
public final class Router {

    private final CooldownTracker cooldowns;
    private final Clock clock;

    public Router(CooldownTracker cooldowns, Clock clock) {
        this.cooldowns = cooldowns;
        this.clock = clock;
    }

    /** A failover loop for one request under {@code config}. */
    public FailoverLoop failover(ProxyConfig config, boolean stream, Cancellation cancellation,
                                 FailoverLoop.Listener listener) {
        return new FailoverLoop(Scheduler.forStrategy(config.routing().strategy()), cooldowns, clock,
                RetryPolicy.of(config, stream), CooldownPolicy.of(config), cancellation, listener, CooldownWait.REAL);
    }

    /**
     * Records that {@code c}'s stream broke after it had started (no failover is possible any more): the credential
     * cools down as {@code config} says for that kind of failure.
     */
    public void brokeAfterStart(Candidate c, UpstreamException e, ProxyConfig config) {
        cooldowns.failed(c, e, CooldownPolicy.of(config));
    }

    /** The shared cooldown state. */
    public CooldownTracker cooldowns() {
        return cooldowns;
    }
}
