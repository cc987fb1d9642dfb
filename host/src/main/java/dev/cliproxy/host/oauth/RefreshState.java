package dev.cliproxy.host.oauth;

import java.time.Instant;

/**
 * What the refresher knows about one token file: its schedule (from the file) and the outcome of the last attempt.
 *
 * @param refreshAt    when the provider wants it refreshed, or {@code null} for never
 * @param expiry       when its access token expires, or {@code null} when unknown
 * @param lastRefresh  when it was last refreshed (by the file's own account), or {@code null}
 * @param lastAttempt  when this host last tried, or {@code null}
 * @param lastError    the message of the last failed attempt, or {@code null} after a success
 * @param backoffUntil no scheduled attempt before this instant, or {@code null}
 * @param needsLogin   the refresh token was refused for good: no attempt until the account logs in again
 */
record RefreshState(Instant refreshAt, Instant expiry, Instant lastRefresh, Instant lastAttempt, String lastError,
                    Instant backoffUntil, boolean needsLogin) {

    static final RefreshState NONE = new RefreshState(null, null, null, null, null, null, false);

    /** The schedule read from the file; {@code fileNeedsLogin}: the file says its account must log in again. */
    RefreshState scheduled(Instant newRefreshAt, Instant newExpiry, Instant newLastRefresh, boolean fileNeedsLogin) {
        return new RefreshState(newRefreshAt, newExpiry, newLastRefresh, lastAttempt,
                fileNeedsLogin || !needsLogin ? lastError : null, backoffUntil, fileNeedsLogin);
    }

    RefreshState succeeded(Instant at) {
        return new RefreshState(refreshAt, expiry, lastRefresh, at, null, null, false);
    }

    RefreshState failed(Instant at, String error, Instant until) {
        return new RefreshState(refreshAt, expiry, lastRefresh, at, error, until, needsLogin);
    }

    RefreshState loginNeeded(Instant at, String error) {
        return new RefreshState(refreshAt, expiry, lastRefresh, at, error, null, true);
    }

    /** Whether a scheduled refresh is due at {@code now}. */
    boolean due(Instant now, java.time.Duration minInterval) {
        return !needsLogin && refreshAt != null && !now.isBefore(refreshAt)
                && (backoffUntil == null || !now.isBefore(backoffUntil))
                && (lastAttempt == null || !now.isBefore(lastAttempt.plus(minInterval)));
    }
}
