package dev.cliproxy.api;

/** Masks secrets for logs and API answers: never print a key or token whole. */
public final class Secrets {

    private Secrets() {
    }

    /**
     * A short masked form: the first three and last four characters of long secrets ({@code sk-...b780}), and only
     * {@code ***} for short ones, so that nothing guessable leaks.
     */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        if (secret.length() < 12) {
            return "***";
        }
        return secret.substring(0, 3) + "..." + secret.substring(secret.length() - 4);
    }
}
