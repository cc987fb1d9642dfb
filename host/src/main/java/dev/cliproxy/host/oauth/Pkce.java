package dev.cliproxy.host.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair (RFC 7636, S256): a random verifier and its challenge {@code BASE64URL(SHA-256(verifier))}.
 *
 * @param verifier  the secret kept by the host (never logged)
 * @param challenge what the authorization URL carries
 */
record Pkce(String verifier, String challenge) {

    /** A fresh pair from 64 random bytes. */
    static Pkce generate(SecureRandom random) {
        byte[] bytes = new byte[64];
        random.nextBytes(bytes);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Pkce(verifier, challenge(verifier));
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "Pkce[challenge=" + challenge + "]";
    }
}
