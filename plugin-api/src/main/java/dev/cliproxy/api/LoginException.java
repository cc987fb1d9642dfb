package dev.cliproxy.api;

/**
 * A login or refresh step failed; the message says what to do and is shown to the user as it is (so it never holds
 * a token).
 */
public class LoginException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A failure with a user-facing {@code message}. */
    public LoginException(String message) {
        super(message);
    }

    /** A failure with a user-facing {@code message} caused by {@code cause}. */
    public LoginException(String message, Throwable cause) {
        super(message, cause);
    }
}
