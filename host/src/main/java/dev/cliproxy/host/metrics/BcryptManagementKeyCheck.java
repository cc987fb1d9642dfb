package dev.cliproxy.host.metrics;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cliproxy.host.config.ProxyConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Checks a key against the live {@code remote-management.secret-key}: a bcrypt hash ({@code $2a$}, {@code $2b$},
 * {@code $2y$}) is verified with bcrypt, a plaintext value (before start-up hashes it) is compared in constant
 * time. An empty secret matches nothing. Successful bcrypt verifications are remembered for a few minutes (by a
 * SHA-256 of key and hash, never the key), because one bcrypt check costs about half a second and Prometheus
 * scrapes every few seconds; failures are never cached.
 */
public final class BcryptManagementKeyCheck implements ManagementKeyCheck {

    private final Supplier<ProxyConfig> config;
    private final Cache<String, Boolean> verified = Caffeine.newBuilder().maximumSize(64)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    public BcryptManagementKeyCheck(Supplier<ProxyConfig> config) {
        this.config = config;
    }

    @Override
    public boolean matches(String presented) {
        String secret = config.get().remoteManagement().secretKey();
        if (secret == null || secret.isEmpty() || presented.isEmpty()) {
            return false;
        }
        if (!isBcrypt(secret)) {
            return MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                    presented.getBytes(StandardCharsets.UTF_8));
        }
        String fingerprint = sha256(presented + "\u0000" + secret);
        if (verified.getIfPresent(fingerprint) != null) {
            return true;
        }
        byte[] key = presented.getBytes(StandardCharsets.UTF_8);
        if (key.length > 72) {
            return false;
        }
        boolean ok = BCrypt.verifyer().verify(key, secret.getBytes(StandardCharsets.UTF_8)).verified;
        if (ok) {
            verified.put(fingerprint, Boolean.TRUE);
        }
        return ok;
    }

    static boolean isBcrypt(String secret) {
        return secret.startsWith("$2a$") || secret.startsWith("$2b$") || secret.startsWith("$2y$");
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
