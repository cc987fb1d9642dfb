package dev.cliproxy.api;

import java.util.Map;
import java.util.Objects;

/**
 * One upstream attempt as the host hands it to {@link ProviderPlugin#describe}: which credential, which upstream
 * model, the native body, and the secret to send. Immutable; built by the host (and by plugin tests) with
 * {@link #builder(Credential, String, byte[])}.
 */
public final class UpstreamCall {

    private final String requestId;
    private final Credential credential;
    private final String secret;
    private final String model;
    private final byte[] body;
    private final boolean stream;
    private final Operation operation;
    private final Map<String, String> clientHeaders;

    private UpstreamCall(Builder b) {
        this.requestId = b.requestId;
        this.credential = b.credential;
        this.secret = b.secret == null ? b.credential.secret() : b.secret;
        this.model = b.model;
        this.body = b.body;
        this.stream = b.stream;
        this.operation = b.operation;
        this.clientHeaders = b.clientHeaders;
    }

    /** A builder for a call of {@code credential} to upstream {@code model} with the native JSON {@code body}. */
    public static Builder builder(Credential credential, String model, byte[] body) {
        return new Builder(credential, model, body);
    }

    /** The host's id for the client request (for logs and upstream correlation headers); may be empty. */
    public String requestId() {
        return requestId;
    }

    /** The credential chosen by the host's scheduler. */
    public Credential credential() {
        return credential;
    }

    /**
     * The secret to send: the API key, or for an OAuth account the current access token (refreshed by the host,
     * possibly newer than the token file's). Never log it.
     */
    public String secret() {
        return secret;
    }

    /** The upstream model name (alias and prefix already resolved). */
    public String model() {
        return model;
    }

    /** The native JSON request body, already carrying the upstream model where the format keeps it in the body. */
    public byte[] body() {
        return body;
    }

    /** Whether the upstream is asked to stream. */
    public boolean stream() {
        return stream;
    }

    /** Generate or count tokens. */
    public Operation operation() {
        return operation;
    }

    /** Headers of the client request, lower-case names, client credentials removed. */
    public Map<String, String> clientHeaders() {
        return clientHeaders;
    }

    /** A client header (lower-case name), or {@code fallback} when absent or empty. */
    public String clientHeader(String name, String fallback) {
        String v = clientHeaders.get(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    /** A builder holding every value of this call. */
    public Builder toBuilder() {
        return new Builder(credential, model, body).requestId(requestId).secret(secret).stream(stream)
                .operation(operation).clientHeaders(clientHeaders);
    }

    @Override
    public String toString() {
        return "UpstreamCall[" + operation + " " + model + " via " + credential.id() + (stream ? ", stream" : "") + "]";
    }

    /** Builds an {@link UpstreamCall}. Not thread-safe. */
    public static final class Builder {
        private final Credential credential;
        private final String model;
        private final byte[] body;
        private String requestId = "";
        private String secret;
        private boolean stream;
        private Operation operation = Operation.GENERATE;
        private Map<String, String> clientHeaders = Map.of();

        private Builder(Credential credential, String model, byte[] body) {
            this.credential = Objects.requireNonNull(credential, "credential");
            this.model = Objects.requireNonNull(model, "model");
            this.body = Objects.requireNonNull(body, "body");
        }

        /** See {@link UpstreamCall#requestId()}. */
        public Builder requestId(String value) {
            this.requestId = value == null ? "" : value;
            return this;
        }

        /** See {@link UpstreamCall#secret()}; defaults to the credential's own secret. */
        public Builder secret(String value) {
            this.secret = value;
            return this;
        }

        /** See {@link UpstreamCall#stream()}. */
        public Builder stream(boolean value) {
            this.stream = value;
            return this;
        }

        /** See {@link UpstreamCall#operation()}. */
        public Builder operation(Operation value) {
            this.operation = value == null ? Operation.GENERATE : value;
            return this;
        }

        /** See {@link UpstreamCall#clientHeaders()}; the map is used as given (lower-case names). */
        public Builder clientHeaders(Map<String, String> value) {
            this.clientHeaders = value == null ? Map.of() : value;
            return this;
        }

        /** The call. */
        public UpstreamCall build() {
            return new UpstreamCall(this);
        }
    }
}
