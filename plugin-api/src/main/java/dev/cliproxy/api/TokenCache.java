package dev.cliproxy.api;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * A bounded, thread-safe cache for tokens the plugin obtains from an upstream (OAuth access tokens and the like).
 * Concurrent callers asking for the same key while it loads wait for one load.
 */
public interface TokenCache {

    /** A cached value and the instant after which it must be loaded again. */
    record Entry(String value, Instant expiresAt) {
        @Override
        public String toString() {
            return "Entry[value=***, expiresAt=" + expiresAt + "]";
        }
    }

    /** Returns the cached value for {@code key}, loading it with {@code loader} when absent or expired. */
    String get(String key, Supplier<Entry> loader);

    /** Forgets {@code key}, e.g. after the upstream rejected the token. */
    void invalidate(String key);
}
