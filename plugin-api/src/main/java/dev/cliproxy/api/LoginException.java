package dev.cliproxy.api;

import java.time.Duration;

/**
 * A login or refresh step failed; the message says what to do and is shown to the user as it is (so it never holds
 * a token). A refresh failure may say more: that only a new login helps ({@link #needsLogin(String)}), or how long
 * the token endpoint asked to wait ({@link #retryAfter(String, Duration)}).
 */
public class LoginException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean needsLogin;
    private final transient Duration retryAfter;

    /** A failure with a user-facing {@code message}. */
    public LoginException(String message) {
        this(message, null, false, null);
    }

    /** A failure with a user-facing {@code message} caused by {@code cause}. */
    public LoginException(String message, Throwable cause) {
        this(message, cause, false, null);
    }

    private LoginException(String message, Throwable cause, boolean needsLogin, Duration retryAfter) {
        super(message, cause);
        this.needsLogin = needsLogin;
        this.retryAfter = retryAfter;
    }

    /**
     * The refresh token is refused for good ({@code invalid_grant}, {@code refresh_token_reused}, revoked): retrying
     * cannot help, the account must log in again. The host stops refreshing it and shows it as needing a login.
     *
     * @since 2.3.0
     */
    public static LoginException needsLogin(String message) {
        return new LoginException(message, null, true, null);
    }

    /**
     * The token endpoint asked to wait {@code wait} before the next attempt (a 429 with {@code Retry-After}); the
     * host tries again no sooner.
     *
     * @since 2.3.0
     */
    public static LoginException retryAfter(String message, Duration wait) {
        return new LoginException(message, null, false, wait);
    }

    /** Whether only a new login helps. @since 2.3.0 */
    public boolean needsLogin() {
        return needsLogin;
    }

    /** How long to wait before trying again, or {@code null} when the endpoint did not say. @since 2.3.0 */
    public Duration retryAfter() {
        return retryAfter;
    }
}
