package dev.cliproxy.host.metrics;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.FailureKind;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.host.routing.CooldownTracker;
import dev.cliproxy.host.state.LiveState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code cliproxy_credentials{provider,state}} gauge: how many credentials of each provider are
 * {@code available}, {@code cooling} (benched for a while after a failure) or {@code disabled} (rejected by the
 * upstream as unauthorised, or marked {@code disabled} by their provider). Computed at scrape time from the live
 * credentials and the cooldown tracker's public view.
 */
public final class CredentialStates {

    /** The states, in label order. */
    public enum State {
        AVAILABLE, COOLING, DISABLED;

        String label() {
            return name().toLowerCase();
        }
    }

    private final LiveState live;
    private final CooldownTracker cooldowns;
    private final Clock clock;

    public CredentialStates(LiveState live, CooldownTracker cooldowns, Clock clock) {
        this.live = live;
        this.cooldowns = cooldowns;
        this.clock = clock;
    }

    /** Registers one gauge per loaded provider and state. */
    public void register(MeterRegistry registry) {
        for (ProviderPlugin p : live.providers().all()) {
            for (State s : State.values()) {
                Gauge.builder("cliproxy.credentials", () -> count(p, s))
                        .description("Credentials by state").tags("provider", p.id(), "state", s.label())
                        .register(registry);
            }
        }
    }

    /** How many credentials of {@code provider} are in {@code state} now. */
    public int count(ProviderPlugin provider, State state) {
        List<Credential> creds = live.current().credentials().getOrDefault(provider, List.of());
        Instant now = clock.instant();
        int n = 0;
        for (Credential c : creds) {
            if (stateOf(c, now) == state) {
                n++;
            }
        }
        return n;
    }

    private State stateOf(Credential c, Instant now) {
        if ("true".equalsIgnoreCase(c.attributes().get("disabled"))) {
            return State.DISABLED;
        }
        State state = State.AVAILABLE;
        for (Map.Entry<String, CooldownTracker.Cooldown> e : cooldowns.cooldowns(c.id()).entrySet()) {
            CooldownTracker.Cooldown cd = e.getValue();
            if (!cd.until().isAfter(now)) {
                continue;
            }
            if (cd.reason() == FailureKind.AUTH && "*".equals(e.getKey())) {
                return State.DISABLED;
            }
            state = State.COOLING;
        }
        return state;
    }
}
