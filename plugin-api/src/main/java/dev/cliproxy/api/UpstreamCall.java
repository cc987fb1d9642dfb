package dev.cliproxy.api;

import java.util.Map;
import java.util.Objects;

/**
 * One upstream attempt: which credential, which upstream model, and the native body to send.
 *
 * @param requestId     the host's id for the client request (for logs and upstream correlation headers)
 * @param credential    the credential chosen by the host's scheduler
 * @param model         the upstream model name (alias and prefix already resolved)
 * @param body          the native JSON request body, already carrying {@code model}
 * @param stream        whether the upstream is asked to stream
 * @param operation     generate or count tokens
 * @param clientHeaders headers of the client request, lower-case names, client credentials removed
 * @param cancellation  fires when the client disconnects
 */
public record UpstreamCall(
        String requestId,
        Credential credential,
        String model,
        byte[] body,
        boolean stream,
        Operation operation,
        Map<String, String> clientHeaders,
        Cancellation cancellation) {

    public UpstreamCall {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(body, "body");
        operation = operation == null ? Operation.GENERATE : operation;
        clientHeaders = clientHeaders == null ? Map.of() : clientHeaders;
        cancellation = cancellation == null ? Cancellation.NONE : cancellation;
        requestId = requestId == null ? "" : requestId;
    }

    /** The same call with another body. */
    public UpstreamCall withBody(byte[] newBody) {
        return new UpstreamCall(requestId, credential, model, newBody, stream, operation, clientHeaders, cancellation);
    }

    /** A client header (lower-case name), or {@code fallback}. */
    public String clientHeader(String name, String fallback) {
        String v = clientHeaders.get(name);
        return v == null || v.isEmpty() ? fallback : v;
    }
}
