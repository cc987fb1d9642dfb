package dev.cliproxy.host.config;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;

/**
 * The management key is kept as a bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}), like the Go anchor.
 * Keys longer than bcrypt's 72 bytes are truncated to 72 bytes on both sides, as Go's and most bcrypt libraries do.
 */
public final class ManagementKeyHash {

    /** The Go anchor's cost ({@code bcrypt.DefaultCost}). */
    static final int COST = 10;

    private static final BCrypt.Hasher HASHER = BCrypt.with(BCrypt.Version.VERSION_2A,
            LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));
    private static final BCrypt.Verifyer VERIFYER = BCrypt.verifyer(BCrypt.Version.VERSION_2A,
            LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));

    private ManagementKeyHash() {
    }

    /** Whether {@code value} already is a bcrypt hash (then it is never hashed again). */
    public static boolean isHash(String value) {
        return value != null && value.length() == 60
                && (value.startsWith("$2a$") || value.startsWith("$2b$") || value.startsWith("$2y$"));
    }

    /** A new bcrypt hash of {@code plaintext}. */
    public static String hash(String plaintext) {
        return HASHER.hashToString(COST, plaintext.toCharArray());
    }

    /** Whether {@code presented} matches the bcrypt {@code hash}; a malformed hash matches nothing. */
    public static boolean verify(String presented, String hash) {
        try {
            return VERIFYER.verify(presented.getBytes(StandardCharsets.UTF_8),
                    hash.getBytes(StandardCharsets.UTF_8)).verified;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
