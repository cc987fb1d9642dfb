package dev.cliproxy.host.routing;

import dev.cliproxy.api.FailureKind;
import dev.cliproxy.host.upstream.UpstreamException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cooldowns per credential and per upstream model (or for the whole credential when the upstream's quota is
 * credential-wide), and each credential's last failure. Keyed by stable credential ids, so it survives reloads;
 * {@link #retain} forgets credentials that left the config. Lock-free: a lookup for a healthy credential is one
 * hash-map miss. Bounded: one entry per (credential, model) that failed, removed on success or reset.
 */
public final class CooldownTracker {

    private static final Logger LOG = LoggerFactory.getLogger(CooldownTracker.class);

    /** The model key of a cooldown that blocks every model of a credential. */
    public static final String WHOLE_CREDENTIAL = "*";

    /** Why and until when a credential (for one model, or {@code *}) is benched. */
    public record Cooldown(Instant until, FailureKind reason, int level, RememberedFailure failure) {
    }

    /** What is known about one credential. */
    private static final class State {
        final Map<String, Cooldown> byModel = new ConcurrentHashMap<>();
        volatile RememberedFailure lastFailure;
    }

    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public CooldownTracker(Clock clock) {
        this.clock = clock;
    }

    /** Whether {@code c} may serve its upstream model now. */
    public boolean available(Candidate c) {
        State s = states.get(c.credentialId());
        return s == null || s.byModel.isEmpty() || coolingUntil(s, c.upstreamModel(), clock.instant()) == null;
    }

    /** When {@code c} becomes available again, or {@code null} when it is available now. */
    public Instant coolingUntil(Candidate c) {
        State s = states.get(c.credentialId());
        return s == null ? null : coolingUntil(s, c.upstreamModel(), clock.instant());
    }

    /** The cooldown benching {@code c} for its model right now (the model's own first), or {@code null}. */
    public Cooldown activeCooldown(Candidate c) {
        State s = states.get(c.credentialId());
        if (s == null) {
            return null;
        }
        Instant now = clock.instant();
        Cooldown own = s.byModel.get(c.upstreamModel());
        if (own != null && own.until().isAfter(now)) {
            return own;
        }
        Cooldown whole = s.byModel.get(WHOLE_CREDENTIAL);
        return whole != null && whole.until().isAfter(now) ? whole : null;
    }

    private static Instant coolingUntil(State s, String model, Instant now) {
        return later(active(s.byModel.get(model), now), active(s.byModel.get(WHOLE_CREDENTIAL), now));
    }

    private static Instant active(Cooldown cd, Instant now) {
        return cd != null && cd.until().isAfter(now) ? cd.until() : null;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /**
     * Records a failed attempt of {@code c} and benches it as {@code policy} says. Client faults and cancellations
     * are not the credential's fault and are ignored.
     */
    public void failed(Candidate c, UpstreamException e, CooldownPolicy policy) {
        if (!e.kind().retryable()) {
            return;
        }
        Instant now = clock.instant();
        RememberedFailure failure = RememberedFailure.of(c, e, now);
        State s = states.computeIfAbsent(c.credentialId(), k -> new State());
        s.lastFailure = failure;
        String model = e.wholeCredential() ? WHOLE_CREDENTIAL : c.upstreamModel();
        Cooldown cd = s.byModel.compute(model, (k, previous) -> {
            int level = previous != null && previous.reason() == e.kind() ? previous.level() + 1 : 0;
            Duration d = policy.durationFor(e, level);
            return d.isZero() ? null : new Cooldown(now.plus(d), e.kind(), level, failure);
        });
        if (e.kind() == FailureKind.AUTH) {
            LOG.warn("Credential {} ({}, {}) rejected by upstream: {}; benched {}", c.credentialId(),
                    c.provider().id(), c.credential().maskedSecret(), failure.describe(),
                    cd == null ? "not at all (cooling disabled)" : "until " + cd.until());
        } else if (cd != null) {
            LOG.info("Credential {} cooling on {} until {} after {} ({})", c.credentialId(), model, cd.until(),
                    e.kind(), failure.describe());
        }
    }

    /** Records a success: clears the cooldown history of {@code c} for its upstream model. */
    public void succeeded(Candidate c) {
        State s = states.get(c.credentialId());
        if (s != null && !s.byModel.isEmpty()) {
            s.byModel.remove(c.upstreamModel());
        }
    }

    /** Clears every cooldown of one credential; returns the models that were cooling (empty when none). */
    public Set<String> clear(String credentialId) {
        State s = states.get(credentialId);
        if (s == null) {
            return Set.of();
        }
        Set<String> models = Set.copyOf(s.byModel.keySet());
        models.forEach(s.byModel::remove);
        LOG.info("Cooldowns of credential {} cleared ({} model(s))", credentialId, models.size());
        return models;
    }

    /** Clears every cooldown of every credential; returns how many (credential, model) cooldowns there were. */
    public int clearAll() {
        int n = 0;
        for (State s : states.values()) {
            n += s.byModel.size();
            s.byModel.clear();
        }
        LOG.info("All cooldowns cleared ({})", n);
        return n;
    }

    /** Forgets credentials whose ids are not in {@code live} (they left the config). */
    public void retain(Collection<String> live) {
        Set<String> keep = Set.copyOf(live);
        states.keySet().removeIf(id -> !keep.contains(id));
    }

    /** The cooldowns of one credential by upstream model ({@code *} = whole credential), expired ones included. */
    public Map<String, Cooldown> cooldowns(String credentialId) {
        State s = states.get(credentialId);
        return s == null ? Map.of() : new TreeMap<>(s.byModel);
    }

    /** The last failure of one credential, or {@code null}. */
    public RememberedFailure lastFailure(String credentialId) {
        State s = states.get(credentialId);
        return s == null ? null : s.lastFailure;
    }

    /** The clock cooldowns are measured with. */
    public Clock clock() {
        return clock;
    }
}
