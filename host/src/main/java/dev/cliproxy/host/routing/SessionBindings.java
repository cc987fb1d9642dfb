package dev.cliproxy.host.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * Session affinity's memory: which credential served a client session for a model. One binding per
 * (session, client model) naming the provider and credential that served it; a binding lasts
 * {@code routing.session-affinity-ttl} after its last use and the map holds at most {@value #MAX_BINDINGS}
 * sessions (least recently used go first). Thread-safe.
 */
public final class SessionBindings {

    /** The most sessions remembered at once. */
    static final int MAX_BINDINGS = 100_000;

    private record Key(String session, String model) {
    }

    /** The provider and credential a session is bound to. */
    record Bound(String provider, String credential) {

        static Bound of(Candidate c) {
            return new Bound(c.provider().id(), c.credentialId());
        }

        boolean is(Candidate c) {
            return credential.equals(c.credentialId()) && provider.equals(c.provider().id());
        }
    }

    private final Duration ttl;
    private final Cache<Key, Bound> bindings;

    SessionBindings(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.bindings = Caffeine.newBuilder().maximumSize(MAX_BINDINGS).expireAfterAccess(ttl)
                .ticker(() -> {
                    java.time.Instant now = clock.instant();
                    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                })
                .build();
    }

    Duration ttl() {
        return ttl;
    }

    /** The binding of {@code session} for {@code model}, or {@code null}. */
    Bound bound(String session, String model) {
        return bindings.getIfPresent(new Key(session, model));
    }

    /** Binds {@code session} for {@code model} to the candidate that just served it. */
    void bind(String session, String model, Candidate served) {
        Key key = new Key(session, model);
        Bound b = Bound.of(served);
        if (!b.equals(bindings.getIfPresent(key))) {
            bindings.put(key, b);
        }
    }
}
