package dev.cliproxy.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * A failed upstream attempt: the upstream status and error body (relayed to the client when every retry fails),
 * how to treat it, and a suggested cooldown. Thrown by {@link Executor#execute}.
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

    /** An HTTP error answer, classified by status, with {@code Retry-After} (seconds or HTTP date) honoured. */
    public static UpstreamException fromResponse(int status, Map<String, List<String>> headers, byte[] body) {
        return new UpstreamException(status, body, FailureKind.forStatus(status), parseRetryAfter(headers), false,
                "upstream answered " + status);
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

    /** The value of a {@code Retry-After} header (delta-seconds or HTTP date), or {@code null}. */
    public static Duration parseRetryAfter(Map<String, List<String>> headers) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase("retry-after") && !h.getValue().isEmpty()) {
                return parseRetryAfterValue(h.getValue().get(0));
            }
        }
        return null;
    }

    static Duration parseRetryAfterValue(String value) {
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
