package dev.cliproxy.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the host should treat a failed upstream answer: the kind (auth, quota, transient, client fault), when the
 * credential may be used again, whether the whole credential is blocked or only the model, and the status and body
 * relayed to the client when no other credential succeeds. A plugin returns one from {@link ProviderPlugin#classify};
 * start from {@link #byStatus} and change what the provider's answer says more precisely.
 */
public final class UpstreamFailure {

    private final int status;
    private final byte[] body;
    private final FailureKind kind;
    private final Duration retryAfter;
    private final boolean wholeCredential;
    private final String message;

    private UpstreamFailure(Builder b) {
        this.status = b.status;
        this.body = b.body;
        this.kind = b.kind;
        this.retryAfter = b.retryAfter;
        this.wholeCredential = b.wholeCredential;
        this.message = b.message;
    }

    /**
     * The status rule, as a builder to refine: the kind from {@link FailureKind#forStatus}; the reset hint from
     * {@code Retry-After} / {@code retry-after-ms}, and for quota answers (402/429) without one, the reset the body
     * names ({@link RetryHints}).
     */
    public static Builder byStatus(UpstreamAnswer answer, Clock clock) {
        FailureKind kind = FailureKind.forStatus(answer.status());
        Duration retryAfter = RetryHints.fromHeaders(answer.headers(), clock);
        if (retryAfter == null && kind == FailureKind.QUOTA) {
            retryAfter = RetryHints.fromBody(answer.body());
        }
        return new Builder(answer.status(), kind).body(answer.body()).retryAfter(retryAfter)
                .message("upstream answered " + answer.status());
    }

    /** A builder for a failure with {@code status} (0 when there was no answer) and {@code kind}. */
    public static Builder builder(int status, FailureKind kind) {
        return new Builder(status, kind);
    }

    /** Upstream HTTP status, 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** The upstream error body (relayed to the client when every attempt fails); never {@code null}. */
    public byte[] body() {
        return body;
    }

    /** How the host treats the failure. */
    public FailureKind kind() {
        return kind;
    }

    /** When the upstream says the credential can be used again, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** True when the failure blocks every model of the credential, not just the requested one. */
    public boolean wholeCredential() {
        return wholeCredential;
    }

    /** A short description without secrets. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return "UpstreamFailure[" + status + " " + kind + ", " + message + "]";
    }

    /** Builds an {@link UpstreamFailure}. Not thread-safe. */
    public static final class Builder {
        private int status;
        private FailureKind kind;
        private byte[] body = new byte[0];
        private Duration retryAfter;
        private boolean wholeCredential;
        private String message = "";

        private Builder(int status, FailureKind kind) {
            this.status = status;
            this.kind = Objects.requireNonNull(kind, "kind");
        }

        /** See {@link UpstreamFailure#status()}. */
        public Builder status(int value) {
            this.status = value;
            return this;
        }

        /** See {@link UpstreamFailure#kind()}. */
        public Builder kind(FailureKind value) {
            this.kind = Objects.requireNonNull(value, "kind");
            return this;
        }

        /** See {@link UpstreamFailure#body()}. */
        public Builder body(byte[] value) {
            this.body = value == null ? new byte[0] : value;
            return this;
        }

        /** See {@link UpstreamFailure#retryAfter()}; {@code null} for none. */
        public Builder retryAfter(Duration value) {
            this.retryAfter = value;
            return this;
        }

        /** See {@link UpstreamFailure#wholeCredential()}. */
        public Builder wholeCredential(boolean value) {
            this.wholeCredential = value;
            return this;
        }

        /** See {@link UpstreamFailure#message()}. */
        public Builder message(String value) {
            this.message = value == null ? "" : value;
            return this;
        }

        /** The failure. */
        public UpstreamFailure build() {
            return new UpstreamFailure(this);
        }
    }
}
