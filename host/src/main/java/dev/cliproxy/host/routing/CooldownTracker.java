package dev.cliproxy.host.routing;

import dev.cliproxy.api.FailureKind;
import dev.cliproxy.api.UpstreamException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-credential, per-model cooldowns after upstream failures. Survives config reloads (it is keyed by stable
 * credential ids). Bounded: one entry per (credential, model) that failed, removed on success.
 */
public final class CooldownTracker {

    private static final Logger LOG = LoggerFactory.getLogger(CooldownTracker.class);
    private static final String WHOLE_CREDENTIAL = "*";

    /** Why and until when a credential (or one of its models) is benched. */
    public record Cooldown(Instant until, FailureKind reason, int level, String lastError) {
    }

    private final Clock clock;
    private final CooldownPolicy policy;
    private final Map<String, Cooldown> cooldowns = new ConcurrentHashMap<>();

    public CooldownTracker(Clock clock, CooldownPolicy policy) {
        this.clock = clock;
        this.policy = policy;
    }

    /** Whether {@code c} may serve {@code model} now. */
    public boolean available(Candidate c, String model) {
        return coolingUntil(c, model) == null;
    }

    /** When {@code c} becomes available again for {@code model}, or {@code null} when it is available now. */
    public Instant coolingUntil(Candidate c, String model) {
        Instant now = clock.instant();
        Instant until = null;
        for (String key : new String[] {key(c.credentialId(), model), key(c.credentialId(), WHOLE_CREDENTIAL)}) {
            Cooldown cd = cooldowns.get(key);
            if (cd != null && cd.until().isAfter(now) && (until == null || cd.until().isAfter(until))) {
                until = cd.until();
            }
        }
        return until;
    }

    /** The most recent cooldown of {@code c} for {@code model} (possibly expired), or {@code null}. */
    public Cooldown last(Candidate c, String model) {
        Cooldown cd = cooldowns.get(key(c.credentialId(), model));
        return cd != null ? cd : cooldowns.get(key(c.credentialId(), WHOLE_CREDENTIAL));
    }

    /** Records a failed attempt and benches the credential according to the failure. */
    public void failed(Candidate c, String model, UpstreamException e) {
        if (!e.kind().retryable()) {
            return;
        }
        String key = key(c.credentialId(), e.wholeCredential() ? WHOLE_CREDENTIAL : model);
        Cooldown previous = cooldowns.get(key);
        int level = previous != null && previous.reason() == e.kind() ? previous.level() + 1 : 0;
        Duration d = policy.durationFor(e, level);
        Cooldown cd = new Cooldown(clock.instant().plus(d), e.kind(), level, e.getMessage());
        cooldowns.put(key, cd);
        if (e.kind() == FailureKind.AUTH) {
            LOG.warn("Credential {} ({}) rejected by upstream with {}: benched for {}", c.credentialId(),
                    c.credential().maskedSecret(), e.status(), d);
        } else {
            LOG.info("Credential {} cooling for {} on model {}: {} ({})", c.credentialId(), d, model, e.kind(),
                    e.status());
        }
    }

    /** Records a success: clears the model's cooldown history for the credential. */
    public void succeeded(Candidate c, String model) {
        if (!cooldowns.isEmpty()) {
            cooldowns.remove(key(c.credentialId(), model));
        }
    }

    /** Clears every cooldown of one credential; returns whether it had any. */
    public boolean clear(String credentialId) {
        String prefix = credentialId + "\u0000";
        return cooldowns.keySet().removeIf(k -> k.startsWith(prefix));
    }

    /** Clears every cooldown. */
    public void clearAll() {
        cooldowns.clear();
    }

    /** A snapshot of the cooldowns of one credential by model ({@code *} = whole credential). */
    public Map<String, Cooldown> of(String credentialId) {
        String prefix = credentialId + "\u0000";
        Map<String, Cooldown> out = new java.util.TreeMap<>();
        cooldowns.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    private static String key(String credentialId, String model) {
        return credentialId + "\u0000" + model;
    }
}
