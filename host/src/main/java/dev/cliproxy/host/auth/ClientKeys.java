package dev.cliproxy.host.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The configured client keys. Keys are compared in constant time (every configured key is compared, whatever
 * matches), and callers are identified by a stable short id that reveals nothing of the key.
 */
public final class ClientKeys {

    /** The template values of {@code config.example.yaml}: a proxy running with them is refused. */
    public static final Set<String> EXAMPLE_KEYS = Set.of("your-api-key-1", "your-api-key-2", "your-api-key-3");

    private final List<byte[]> keys;
    /** The {@link #idOf} of each key, in the same order: hashed once per config, not once per request. */
    private final List<String> ids;
    private final boolean hasExampleKey;

    public ClientKeys(List<String> keys) {
        this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
        this.ids = keys.stream().map(ClientKeys::idOf).toList();
        this.hasExampleKey = keys.stream().anyMatch(EXAMPLE_KEYS::contains);
    }

    /** Whether any key is configured. */
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** Whether the list still holds a published example value. */
    public boolean hasExampleKey() {
        return hasExampleKey;
    }

    /** Whether {@code presented} is one of the keys; constant time in the presented value. */
    public boolean matches(String presented) {
        return idIfMatches(presented) != null;
    }

    /**
     * The {@link #idOf id} of {@code presented} when it is one of the keys, else {@code null}. Every configured key
     * is compared, whichever matches.
     */
    public String idIfMatches(String presented) {
        byte[] p = presented.getBytes(StandardCharsets.UTF_8);
        String id = null;
        for (int i = 0; i < keys.size(); i++) {
            if (MessageDigest.isEqual(keys.get(i), p)) {
                id = ids.get(i);
            }
        }
        return id;
    }

    /** A stable short id for a key: {@code key-} and 8 hex digits of its SHA-256. */
    public static String idOf(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "key-" + HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
