package dev.cliproxy.host.routing;

import dev.cliproxy.api.FailureKind;
import dev.cliproxy.api.Secrets;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.codecs.Codecs;
import dev.cliproxy.host.upstream.UpstreamException;
import java.time.Instant;

/**
 * A remembered upstream failure: what the client is told when it later meets the cooldown this failure caused, and
 * what the management API shows: the upstream's own error message (decoded from its error body), with the
 * credential's secret masked should the upstream echo it.
 *
 * @param status  upstream HTTP status, 0 when there was no answer
 * @param kind    how it was classified
 * @param message the upstream's error message (or a description of the connection failure)
 * @param at      when it happened
 */
public record RememberedFailure(int status, FailureKind kind, String message, Instant at) {

    private static final int MAX_MESSAGE = 500;

    /** Captures {@code e}, raised by candidate {@code c}, at {@code at}. */
    static RememberedFailure of(Candidate c, UpstreamException e, Instant at) {
        WireFormat format = c.provider().nativeFormat();
        String message = e.getMessage();
        if (e.status() > 0 && e.body().length > 0) {
            try {
                String decoded = Codecs.of(format).decodeError(e.status(), e.body()).message();
                message = decoded.isBlank() ? message : decoded;
            } catch (RuntimeException unreadable) {
                message = e.bodyText();
            }
        }
        String secret = c.credential().secret();
        if (message != null && secret.length() >= 8 && message.contains(secret)) {
            message = message.replace(secret, Secrets.mask(secret));
        }
        if (message != null && message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
        return new RememberedFailure(e.status(), e.kind(), message == null ? "" : message, at);
    }

    /** A one-line description for clients and logs: {@code HTTP 429: <upstream message>}. */
    public String describe() {
        return (status > 0 ? "HTTP " + status : "no answer") + ": " + message;
    }
}
