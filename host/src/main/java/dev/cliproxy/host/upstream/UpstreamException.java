package dev.cliproxy.host.upstream;

import dev.cliproxy.api.FailureKind;
import dev.cliproxy.api.UpstreamFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A failed upstream attempt: the upstream status and error body (relayed to the client when every retry fails),
 * how to treat it, and a suggested cooldown. Thrown by the host's upstream exchange from the plugin's
 * {@link UpstreamFailure} classification, or for failures without an answer (connection, cancellation).
 */
public class UpstreamException extends RuntimeException {

    private final int status;
    private final byte[] body;
    private final FailureKind kind;
    private final Duration retryAfter;
    private final boolean wholeCredential;

    /**
     * @param status          upstream HTTP status, 0 when there was no answer
     * @param body            upstream error body (JSON when the upstream sent JSON), never null
     * @param kind            how the host should treat the failure
     * @param retryAfter      when the upstream says the credential can be used again, or {@code null}
     * @param wholeCredential true when the failure blocks every model of the credential, not just this model
     * @param message         a short description without secrets
     */
    public UpstreamException(int status, byte[] body, FailureKind kind, Duration retryAfter, boolean wholeCredential,
                             String message) {
        super(message);
        this.status = status;
        this.body = body == null ? new byte[0] : body;
        this.kind = kind == null ? FailureKind.forStatus(status) : kind;
        this.retryAfter = retryAfter;
        this.wholeCredential = wholeCredential;
    }

    /** The exception for a plugin's classification of an answer. */
    public static UpstreamException of(UpstreamFailure f) {
        return new UpstreamException(f.status(), f.body(), f.kind(), f.retryAfter(), f.wholeCredential(),
                f.message().isEmpty() ? "upstream answered " + f.status() : f.message());
    }

    /** No answer: connection refused, reset, timed out. */
    public static UpstreamException connectionFailed(Throwable cause) {
        UpstreamException e = new UpstreamException(0, new byte[0], FailureKind.TRANSIENT, null, false,
                "upstream unreachable: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
        e.initCause(cause);
        return e;
    }

    /** The client disconnected while the call was in flight. */
    public static UpstreamException cancelled() {
        return new UpstreamException(499, new byte[0], FailureKind.CANCELLED, null, false, "client disconnected");
    }

    public int status() {
        return status;
    }

    public byte[] body() {
        return body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public FailureKind kind() {
        return kind;
    }

    /** The upstream's own reset hint, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean wholeCredential() {
        return wholeCredential;
    }
}
