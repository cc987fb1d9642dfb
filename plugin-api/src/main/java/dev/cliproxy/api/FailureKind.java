package dev.cliproxy.api;

/** How the host treats a failed upstream attempt. */
public enum FailureKind {
    /** 401/403: the credential is bad or lacks access; cool it down for long and try another. */
    AUTH,
    /** 429 (and 402): quota or rate limit; cool down until the reset time and try another. */
    QUOTA,
    /** 408, 5xx, connection errors, timeouts: cool down briefly and try another. */
    TRANSIENT,
    /** Other 4xx: the request itself is wrong; relay it to the client, no retry, no cooldown. */
    CLIENT,
    /** The client went away; stop without cooling anything down. */
    CANCELLED;

    /** The kind for an HTTP status; 0 means no answer at all (a connection failure). */
    public static FailureKind forStatus(int status) {
        return switch (status) {
            case 0, 408, 500, 502, 503, 504, 529 -> TRANSIENT;
            case 401, 403 -> AUTH;
            case 402, 429 -> QUOTA;
            default -> status >= 500 ? TRANSIENT : CLIENT;
        };
    }

    /** Whether another credential may be tried. */
    public boolean retryable() {
        return this == AUTH || this == QUOTA || this == TRANSIENT;
    }
}
