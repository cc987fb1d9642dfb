package dev.cliproxy.plugin.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.formats.Json;

/**
 * Asks streaming upstreams for a final usage chunk ({@code stream_options.include_usage: true}), so usage is known
 * for every request. Bodies that already ask, and non-streaming calls, are left byte-for-byte unchanged.
 */
final class StreamUsageRequest {

    private StreamUsageRequest() {
    }

    /** The body to send for {@code call}: {@code body} itself when nothing changes. */
    static byte[] adapt(UpstreamCall call, byte[] body) {
        if (!call.stream()) {
            return body;
        }
        JsonNode tree = Json.parse(body);
        if (!(tree instanceof ObjectNode root) || root.path("stream_options").path("include_usage").asBoolean()) {
            return body;
        }
        JsonNode options = root.get("stream_options");
        ObjectNode o = options instanceof ObjectNode existing ? existing : root.putObject("stream_options");
        o.put("include_usage", true);
        return Json.write(root);
    }
}
