package dev.cliproxy.host.pipeline;

import java.time.Duration;

/**
 * An error the proxy itself answers with (not an upstream error): carries the HTTP status, a stable error code and
 * a message for the client. Rendered in the client's wire format by {@link ErrorReplies}.
 */
public class ProxyException extends RuntimeException {

    private final int status;
    private final String code;
    private final Duration retryAfter;

    public ProxyException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public ProxyException(int status, String code, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** 400: the request is malformed or unsupported. */
    public static ProxyException badRequest(String message) {
        return new ProxyException(400, "invalid_request_error", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** A {@code Retry-After} to send, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
