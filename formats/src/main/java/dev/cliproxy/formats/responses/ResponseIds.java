package dev.cliproxy.formats.responses;

import java.util.UUID;

/**
 * The ids of one response: {@code resp_<base>} and its output items {@code <prefix>_<base>_<output index>}
 * ({@code rs_}, {@code msg_}, {@code fc_}...). The base is the upstream id without its {@code resp_} prefix, else
 * the host's request id, so ids stay stable for one exchange and unique across exchanges.
 */
final class ResponseIds {

    private final String base;

    private ResponseIds(String base) {
        this.base = base;
    }

    static ResponseIds of(String upstreamId, String requestId) {
        if (upstreamId != null && !upstreamId.isBlank()) {
            return new ResponseIds(upstreamId.startsWith("resp_") ? upstreamId.substring(5) : upstreamId);
        }
        if (requestId != null && !requestId.isBlank()) {
            return new ResponseIds(requestId);
        }
        return new ResponseIds(UUID.randomUUID().toString().replace("-", ""));
    }

    String responseId() {
        return "resp_" + base;
    }

    String item(String prefix, int outputIndex) {
        return prefix + "_" + base + "_" + outputIndex;
    }

    /** A call id for a tool call the upstream gave none. */
    String callId(int outputIndex) {
        return "call_" + base + "_" + outputIndex;
    }
}
