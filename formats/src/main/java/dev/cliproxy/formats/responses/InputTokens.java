package dev.cliproxy.formats.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.Json;

/**
 * The answer of {@code POST /v1/responses/input_tokens}:
 * {@code {"object":"response.input_tokens","input_tokens":N}}.
 */
final class InputTokens {

    private InputTokens() {
    }

    static byte[] encode(long inputTokens) {
        ObjectNode body = Json.object();
        body.put("object", "response.input_tokens");
        body.put("input_tokens", inputTokens);
        return Json.write(body);
    }

    static long decode(byte[] body) {
        if (body == null || body.length == 0) {
            return -1;
        }
        try {
            JsonNode n = Json.parse(body).get("input_tokens");
            return n != null && n.isIntegralNumber() ? n.longValue() : -1;
        } catch (FormatException e) {
            return -1;
        }
    }
}
