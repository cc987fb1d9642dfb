package dev.cliproxy.host.routing;

import dev.cliproxy.host.config.ProxyConfig;
import dev.cliproxy.host.upstream.Cancellation;
import dev.cliproxy.host.upstream.UpstreamException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The host's routing: for each request, a {@link FailoverLoop} with the live config's strategy, retry budget and
 * cooldown policy, over the shared {@link CooldownTracker}. Reads the config it is given on every call, so changes
 * applied through {@code LiveState} (file reload, management API) take effect with the next request. With
 * {@code routing.session-affinity} on, a request that carries a session id goes through a
 * {@link SessionAffinityScheduler} over the router's {@link SessionBindings} (renewed when the TTL changes).
 */
public final class Router {

    private final CooldownTracker cooldowns;
    private final Clock clock;
    private final AtomicReference<SessionBindings> sessions = new AtomicReference<>();

    public Router(CooldownTracker cooldowns, Clock clock) {
        this.cooldowns = cooldowns;
        this.clock = clock;
    }

    /**
     * A failover loop for one request under {@code config}; {@code session} is the client's session id, or
     * {@code null} when it has none or session affinity is off.
     */
    public FailoverLoop failover(ProxyConfig config, boolean stream, Cancellation cancellation,
                                 FailoverLoop.Listener listener, String session) {
        Scheduler scheduler = Scheduler.forStrategy(config.routing().strategy());
        if (session != null && config.routing().sessionAffinity()) {
            scheduler = new SessionAffinityScheduler(scheduler, sessions(config.routing().sessionAffinityTtl()),
                    session);
        }
        return new FailoverLoop(scheduler, cooldowns, clock, RetryPolicy.of(config, stream),
                CooldownPolicy.of(config), cancellation, listener, CooldownWait.REAL);
    }

    private SessionBindings sessions(Duration ttl) {
        return sessions.updateAndGet(s -> s != null && s.ttl().equals(ttl) ? s : new SessionBindings(ttl, clock));
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
