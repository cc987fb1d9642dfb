package dev.cliproxy.formats.claude;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;

/** Turns canonical tool-call argument text into the JSON object Claude's {@code input} must be. */
final class ClaudeToolInput {

    private ClaudeToolInput() {
    }

    /**
     * The arguments as an object. Upstreams (and clients) sometimes produce arguments that are not a JSON object:
     * valid JSON of another kind is wrapped as {@code {"value": ...}}, invalid or partial JSON becomes {@code {}}.
     * Never throws.
     */
    static ObjectNode toObject(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return Json.object();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(arguments);
            if (node instanceof ObjectNode o) {
                return o;
            }
            ObjectNode wrapped = Json.object();
            if (node != null && !node.isMissingNode() && !node.isNull()) {
                wrapped.set("value", node);
            }
            return wrapped;
        } catch (JsonProcessingException | RuntimeException e) {
            return Json.object();
        }
    }
}
