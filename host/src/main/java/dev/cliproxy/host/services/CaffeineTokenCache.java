package dev.cliproxy.host.services;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.cliproxy.api.TokenCache;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/** The plugins' {@link TokenCache}: Caffeine, bounded, each entry expiring at its own instant. */
public final class CaffeineTokenCache implements TokenCache {

    private final Clock clock;
    private final Cache<String, Entry> cache;

    public CaffeineTokenCache(Clock clock) {
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfter(Expiry.creating((String key, Entry e) -> remaining(e)))
                .build();
    }

    private Duration remaining(Entry e) {
        Duration d = Duration.between(clock.instant(), e.expiresAt());
        return d.isNegative() ? Duration.ZERO : d;
    }

    @Override
    public String get(String key, Supplier<Entry> loader) {
        Entry e = cache.get(key, k -> loader.get());
        if (e != null && !e.expiresAt().isAfter(clock.instant())) {
            cache.invalidate(key);
            e = cache.get(key, k -> loader.get());
        }
        return e == null ? null : e.value();
    }

    @Override
    public void invalidate(String key) {
        cache.invalidate(key);
    }
}
