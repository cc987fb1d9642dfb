package dev.cliproxy.host.management;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cliproxy.host.config.ManagementKeyHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Checks a presented management key against the configured one (a bcrypt hash, or plaintext when it could not
 * be hashed). bcrypt costs tens of milliseconds by design, so a successful check is remembered for a short while,
 * keyed by a SHA-256 of the presented key (never the key itself); the memory is cleared when the configured key
 * changes. Shared by the management API and the {@code /metrics} management-key guard.
 */
public final class KeyVerifier {

    /** Longer keys are refused without hashing (bcrypt reads 72 bytes anyway). */
    private static final int MAX_KEY_CHARS = 1024;

    private final Cache<String, Boolean> verified;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile String secret = "";

    public KeyVerifier(Duration remember) {
        this.verified = Caffeine.newBuilder().expireAfterWrite(remember).maximumSize(256).build();
    }

    /** Whether {@code presented} is the management key {@code configured}. */
    public boolean matches(String presented, String configured) {
        if (presented.length() > MAX_KEY_CHARS || configured.isEmpty()) {
            return false;
        }
        forgetIfChanged(configured);
        String id = sha256(configured + '\n' + presented);
        if (verified.getIfPresent(id) != null) {
            return true;
        }
        boolean ok = ManagementKeyHash.isHash(configured)
                ? ManagementKeyHash.verify(presented, configured)
                : MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                        configured.getBytes(StandardCharsets.UTF_8));
        if (ok) {
            verified.put(id, Boolean.TRUE);
        }
        return ok;
    }

    private void forgetIfChanged(String configured) {
        if (configured.equals(secret)) {
            return;
        }
        lock.lock();
        try {
            if (!configured.equals(secret)) {
                verified.invalidateAll();
                secret = configured;
            }
        } finally {
            lock.unlock();
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
