package dev.cliproxy.host.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.Operation;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ReasoningConfig;
import java.util.Map;

/**
 * A client request, parsed just enough to route it. Equal only to itself: two requests with the same content are
 * still two requests.
 *
 * @param requestId   the request id (honoured from {@code X-Request-Id} or generated)
 * @param format      the client's wire format
 * @param operation   generate or count tokens
 * @param model       the model the client asked for, without a thinking suffix
 * @param stream      whether the client wants a stream
 * @param framing     how stream events are framed on the wire
 * @param body        the raw body
 * @param json        the body parsed
 * @param headers     client headers for plugins (lower-case names, client credentials removed)
 * @param clientKeyId the stable id of the client key ({@code local} for unauthenticated loopback callers)
 * @param startNanos  {@link System#nanoTime()} when the request arrived
 * @param thinking    the thinking suffix of the model name ({@code model(high)}), or {@code null}
 */
public record InboundRequest(String requestId, WireFormat format, Operation operation, String model,
                             boolean stream, StreamFraming framing, byte[] body, JsonNode json,
                             Map<String, String> headers, String clientKeyId, long startNanos,
                             ReasoningConfig thinking) {

    /** One request is only ever equal to itself (listeners key their per-request state by it). */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
